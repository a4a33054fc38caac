// @vitest-environment happy-dom
// The dashboard's notices (examples/worker/dashboard/views/notices.ts): identical notices do not
// stack, a topic's notices can be cleared together, errors are alerts inside the polite live
// region, and a notice's action button runs once and closes the notice.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { clearNotices, showNotice } from "../../examples/worker/dashboard/views/notices";
import { loadDashboardPage } from "./page";

const notices = () => [...document.querySelectorAll<HTMLElement>("#notices .notice")];

beforeEach(() => loadDashboardPage());

describe("notices", () => {
  it("shows an identical notice once, moved to the top, however often it is raised", () => {
    showNotice("error", "Token not accepted", "Use the link npm start prints.");
    showNotice("info", "Launching a");
    showNotice("error", "Token not accepted", "Use the link npm start prints.");
    showNotice("error", "Token not accepted", "Use the link npm start prints.");
    expect(notices().map((notice) => notice.textContent)).toEqual([
      expect.stringContaining("Token not accepted"),
      expect.stringContaining("Launching a"),
    ]);
  });

  it("keeps notices that differ in detail or kind", () => {
    showNotice("error", "No capacity", "us-west-1");
    showNotice("error", "No capacity", "us-east-1");
    showNotice("info", "No capacity", "us-east-1");
    expect(notices()).toHaveLength(3);
  });

  it("clears the notices of one topic and leaves the others", () => {
    showNotice("error", "Token not accepted", "stale link", { topic: "token" });
    showNotice("error", "No capacity", "us-west-1");
    clearNotices("token");
    expect(notices().map((notice) => notice.querySelector("strong")?.textContent)).toEqual(["No capacity"]);
  });

  it("marks errors as alerts and others as status, inside a polite live region", () => {
    showNotice("error", "Broken");
    showNotice("success", "Done");
    expect(document.getElementById("notices")?.getAttribute("aria-live")).toBe("polite");
    expect(notices().map((notice) => notice.getAttribute("role"))).toEqual(["status", "alert"]);
  });

  it("runs a notice's action once and closes the notice", () => {
    const run = vi.fn();
    showNotice("error", "Slow down", "", { action: { label: "Try again", run } });
    const button = [...document.querySelectorAll("button")].find((candidate) => candidate.textContent === "Try again");
    button?.click();
    expect(run).toHaveBeenCalledTimes(1);
    expect(notices()).toHaveLength(0);
  });

  it("lets a non-error notice fade and keeps an error until dismissed", () => {
    vi.useFakeTimers();
    try {
      showNotice("success", "Saved");
      showNotice("error", "Broken");
      vi.advanceTimersByTime(60_000);
      expect(notices().map((notice) => notice.querySelector("strong")?.textContent)).toEqual(["Broken"]);
      notices()[0]?.querySelector<HTMLButtonElement>('button[aria-label="Dismiss"]')?.click();
      expect(notices()).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
