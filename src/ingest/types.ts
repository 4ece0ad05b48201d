import type { RawArticle } from "../core/article.ts";

export type { RawArticle } from "../core/article.ts";

/** A failure to read one input (or one record of a dump). The batch goes on. */
export interface ReadFailure {
  origin: string;
  /** 1-based line number within a dump, when the failure is one record. */
  line?: number;
  reason: string;
}

/** A read that succeeded with a caveat the user should see (e.g. a page read as flat text). */
export type ReadResult =
  | {
      ok: true;
      article: RawArticle;
      warning?: string;
      /**
       * Only with ReadOptions.deferHtml: the page's HTML, not yet extracted; `article` then has only its
       * origin and format, and `articleResult(html, "html", origin)` makes the article.
       */
      html?: string;
    }
  | { ok: false; failure: ReadFailure };
