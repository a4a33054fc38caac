/** The top bar's badges and the simulator strip: which upstream answers, and what this session may do. */
import { byId, h } from "../dom.js";
import type { Session } from "../session.js";

/** Renders the upstream and access badges, and the simulator strip when the simulator answers. */
export function renderBadges(session: Session): void {
  const simulated = session.upstream === "simulator";
  const upstream = simulated
    ? h("span", { class: "badge sim" }, "Simulator")
    : h("span", { class: "badge live" }, "Lambda Cloud API");
  const access = session.writes
    ? h("span", { class: "badge rw" }, "Writes enabled")
    : h("span", { class: "badge ro" }, session.authorized ? "Read-only" : "Locked");
  byId("badges").replaceChildren(upstream, access);

  const strip = byId("mode");
  strip.hidden = !simulated;
  strip.replaceChildren(
    simulated
      ? "Simulator mode: the Worker answers from the in-process lambda-cloud simulator. Nothing here is real or billed."
      : "",
  );
}
