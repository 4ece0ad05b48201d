/**
 * Stored text comes from anyone's pages and dumps: an ESC or CSI byte in a quote, an outlet or a file
 * name would otherwise reach the terminal as a command (retitle the window, rewrite earlier lines,
 * hide text). Every text renderer writes through here; JSON output is escaped by JSON itself.
 */

/** C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides/isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Shows each unsafe character as a visible escape ("\x1b", "\u202e") instead of sending it. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
  });
}

/** Writes listing text to stdout with unsafe characters made visible. */
export function printText(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** Writes a message to stderr with unsafe characters made visible. */
export function printError(text: string): void {
  process.stderr.write(terminalSafe(text));
}

/** For raw document output (clean, Markdown): escaped only when a person is watching a terminal. */
export function printDocument(text: string): void {
  process.stdout.write(process.stdout.isTTY ? terminalSafe(text) : text);
}
