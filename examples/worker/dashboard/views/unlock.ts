/** Shown when the Worker wants authorization this tab does not have. */
import { h } from "../dom.js";
import type { Session } from "../session.js";

/** Renders the token form (token authorizer) or a Cloudflare Access hint into `container`. */
export function renderUnlock(
  container: HTMLElement,
  session: Session,
  onToken: (token: string) => Promise<void>,
): void {
  if (!session.authorizers.includes("token")) {
    container.replaceChildren(h("p", { class: "muted" }, "Open this dashboard through Cloudflare Access to sign in."));
    return;
  }
  const input = h("input", {
    type: "password",
    name: "token",
    autocomplete: "off",
    required: true,
    placeholder: "DASHBOARD_TOKEN",
  });
  const form = h(
    "form",
    {
      class: "unlock",
      onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim()) void onToken(input.value.trim());
      },
    },
    h("label", {}, "Dashboard token", input),
    h("button", { type: "submit" }, "Unlock"),
  );
  container.replaceChildren(form);
}
