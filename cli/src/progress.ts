/**
 * Live progress of long commands (`launch --wait`, `instances wait`, `find`, `ssh`): a spinner with
 * the status and elapsed time on a terminal; one JSON line per event on stderr otherwise (or with `--json`).
 */
import yoctoSpinner, { type Spinner } from "yocto-spinner";
import type { OutputStream } from "./io.ts";

/** Reports the steps of a long command. */
export interface Progress {
  /**
   * Reports an event: off a terminal, `{"event": name, ...fields, "elapsed_ms"}` on one line of stderr;
   * on a terminal, the spinner shows `text` and the elapsed time, followed by `hint` (e.g. the typical boot time).
   */
  event(name: string, fields: Readonly<Record<string, unknown>>, text: string, hint?: string): void;
  /** Ends the spinner with a tick, or a cross when `ok` is false (off a terminal the result itself follows on stdout). Only the first call counts. */
  end(text: string, ok: boolean): void;
}

/** `83_000` → `"1:23"`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Progress as JSON lines on `stream`, for scripts and logs. */
export function jsonLinesProgress(stream: OutputStream, now: () => number = Date.now): Progress {
  const started = now();
  return {
    event(name, fields) {
      stream.write(`${JSON.stringify({ event: name, ...fields, elapsed_ms: now() - started })}\n`);
    },
    end() {},
  };
}

/** A spinner on a terminal; its text shows the elapsed time, refreshed every second. */
export function spinnerProgress(stream: OutputStream): Progress {
  const started = Date.now();
  let line = { text: "", hint: "" };
  let spinner: Spinner | undefined;
  let ended = false;
  const render = () => {
    const hint = line.hint ? ` · ${line.hint}` : "";
    return `${line.text} · ${formatElapsed(Date.now() - started)}${hint}`;
  };
  const ticker = setInterval(() => {
    if (spinner) spinner.text = render();
  }, 1000);
  ticker.unref?.();
  return {
    event(_name, _fields, text, hint = "") {
      line = { text, hint };
      if (ended) return;
      if (spinner) spinner.text = render();
      else
        spinner = yoctoSpinner({ text: render(), stream: stream as NodeJS.WriteStream, handleSignals: false }).start();
    },
    end(text, ok) {
      if (ended) return;
      ended = true;
      clearInterval(ticker);
      const final = `${text} (${formatElapsed(Date.now() - started)})`;
      if (!spinner) stream.write(`${final}\n`);
      else if (ok) spinner.success(final);
      else spinner.error(final);
      spinner = undefined;
    },
  };
}
