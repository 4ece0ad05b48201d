import assert from "node:assert/strict";
import { test } from "node:test";
import { franc } from "franc-min";
import { languageOf, obviouslyEnglish } from "../src/nlp/language.ts";

const repeat = (text: string, times: number) => Array(times).fill(text).join(" ");

const english = repeat(
  "The minister said on Tuesday that the government would not sign the agreement, and that it was for the council to decide what the harbour should be used for.",
  4,
);
const others: Record<string, string> = {
  deu: repeat(
    "Der Minister sagte am Dienstag, dass die Regierung das Abkommen nicht unterzeichnen werde und dass der Rat über die Zukunft des Hafens entscheiden müsse.",
    4,
  ),
  por: repeat(
    "O ministro disse na terça-feira que o governo não vai assinar o acordo e que cabe ao conselho decidir o que fazer com o porto da cidade.",
    4,
  ),
  spa: repeat(
    "El ministro dijo el martes que el gobierno no firmará el acuerdo y que corresponde al consejo decidir qué hacer con el puerto de la ciudad.",
    4,
  ),
  nld: repeat(
    "De minister zei dinsdag dat de regering het akkoord niet zal tekenen en dat het aan de raad is om te beslissen wat er met de haven gebeurt.",
    4,
  ),
};

test("language: plain English is told without franc, and franc agrees", () => {
  assert.equal(obviouslyEnglish(english), true);
  assert.equal(franc(english), "eng");
  assert.equal(languageOf(english), "eng");
});

test("language: other languages are never taken for English by the shortcut; franc still names them", () => {
  for (const [code, text] of Object.entries(others)) {
    assert.equal(obviouslyEnglish(text), false, code);
    assert.equal(languageOf(text), franc(text.slice(0, 1000)), code);
    assert.notEqual(languageOf(text), "eng", code);
  }
  // English words spread through another language's text do not pass for English either.
  const mixed = repeat(
    "Der Minister sagte, the deal is dead, und die Regierung wird nicht unterzeichnen.",
    6,
  );
  assert.equal(obviouslyEnglish(mixed), false);
});

test("language: short texts are left to the minimum-length rule", () => {
  assert.equal(obviouslyEnglish("The minister said that the deal was dead."), false);
  assert.equal(languageOf("The minister said that the deal was dead."), "und");
});
