/**
 * The simulator's tokenizer and chat template. Deterministic and simple on purpose: it is not any
 * real model's tokenizer, but /tokenize, `usage` and the context-length checks all count with it,
 * so they always agree with one another, which is what a probe relies on.
 *
 * Tokens: a run of up to 8 ASCII letters, one digit, or one other character, each taking the
 * whitespace before it; whitespace at the end is one token. Special tokens `<|start|>` and
 * `<|end|>` count one each. Ids are a 32-bit FNV-1a hash of the token text modulo 128,000.
 */

const SPECIAL = /(<\|start\|>|<\|end\|>)/;
const PIECE = /\s*[A-Za-z]{1,8}|\s*\d|\s*[^\sA-Za-z\d]|\s+/gu;

/** One chat message as the simulator reads it (content may be text or text parts). */
export interface SimMessage {
  readonly role: string;
  readonly content?: unknown;
}

/** Splits text into token strings. */
export function tokenizeText(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(SPECIAL)) {
    if (part === "") continue;
    if (part === "<|start|>" || part === "<|end|>") out.push(part);
    // A loop, not push(...matches): a 128K-token prompt would overflow the call stack.
    else for (const piece of part.match(PIECE) ?? []) out.push(piece);
  }
  return out;
}

/** The id of one token string. */
export function tokenId(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 128000;
}

/** Text of a message's content: a string, or the text parts of an array. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((p: unknown) =>
        p !== null && typeof p === "object" && typeof (p as { text?: unknown }).text === "string"
          ? (p as { text: string }).text
          : "",
      )
      .join("");
  }
  return "";
}

/** The prompt the chat template renders: tools first (as vLLM renders them), then each message. */
export function renderChatPrompt(messages: readonly SimMessage[], tools?: unknown): string {
  const parts: string[] = [];
  if (Array.isArray(tools) && tools.length > 0)
    parts.push(`<|start|>tools\n${JSON.stringify(tools)}<|end|>\n`);
  for (const m of messages) parts.push(`<|start|>${m.role}\n${contentText(m.content)}<|end|>\n`);
  parts.push("<|start|>assistant\n");
  return parts.join("");
}

/** Token count of text. */
export function countTokens(text: string): number {
  return tokenizeText(text).length;
}
