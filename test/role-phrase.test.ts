import assert from "node:assert/strict";
import { test } from "node:test";
import { rolePhrase, storedRoles } from "../src/nlp/role-phrase.ts";

test("a stored role is the noun phrase around a title or person noun, not the words before a name", () => {
  // Offices and titles stay as written.
  for (const role of [
    "Republican presidential nominee",
    "senator from Vermont",
    "Sen.",
    "Harbour and Fisheries Minister",
    "chairman of the Senate Veterans Affairs Committee",
    "Former Secretary of State and Democratic presidential frontrunner",
    "Republican",
  ]) {
    assert.equal(rolePhrase(role), role);
  }
  // Words before the head that are no part of a role are cut.
  assert.equal(rolePhrase("what kind of candidate"), "candidate");
  assert.equal(rolePhrase("call came after rival"), "rival");
  assert.equal(
    rolePhrase("as chairman of the Senate Veterans Affairs Committee"),
    "chairman of the Senate Veterans Affairs Committee",
  );
  assert.equal(rolePhrase("served as governor of Arkansas before he was elected"), "governor of Arkansas");
  assert.equal(rolePhrase("Republican who has refused to endorse Mr"), "Republican");
  // A complement cut short ends at its last full word; someone else's name ends the role.
  assert.equal(rolePhrase("CEO of"), "CEO");
  assert.equal(rolePhrase("senior adviser to Mr"), "senior adviser");
  assert.equal(rolePhrase("chief strategist of Barack Obama's 2008 campaign"), "chief strategist");
  // No head: no role.
  for (const junk of [
    "Maples nor",
    "Bennett’s",
    "Former",
    "Franceisstrong Mr.",
    "One of Mr.",
    "Mr",
    "Progressive groups encouraging",
    "whether he would counsel",
  ]) {
    assert.equal(rolePhrase(junk), null, junk);
  }
  // Page furniture glued to a title: only the title.
  assert.equal(rolePhrase("BushASSOCIATED PRESSOhio Gov."), "Gov.");
});

test("the roles stored for a person are their role phrases, once each", () => {
  assert.deepEqual(storedRoles(["beating rival", "over rival", "Maples nor", "Sen."]), ["rival", "Sen."]);
});
