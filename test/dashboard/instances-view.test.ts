// @vitest-environment happy-dom
// The instance list (examples/worker/dashboard/views/instances.ts): a launch not yet answered has
// its own "requested" row, a booting instance this tab launched shows the time since the click
// and the typical boot time of its type, the details show what the table does not (private IP,
// a Jupyter link that never prints its token, filesystems, tags), and restart and terminate
// take two clicks and appear only with writes.
import type { Instance } from "lambda-cloud";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recordBoot } from "../../examples/worker/dashboard/boot-times";
import { type InstanceListOptions, renderInstances } from "../../examples/worker/dashboard/views/instances";
import { tickElapsed } from "../../examples/worker/dashboard/views/launch-progress";
import { loadDashboardPage } from "./page";
import { simulatedAccount } from "./simulated-account";

const container = () => document.getElementById("instances") as HTMLElement;
const rowOf = (id: string) => container().querySelector<HTMLElement>(`tr[data-instance-id="${id}"]`) as HTMLElement;
const button = (row: HTMLElement, action: string) =>
  row.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);

function options(overrides: Partial<InstanceListOptions> = {}): InstanceListOptions {
  return {
    writes: true,
    pending: [],
    launchedAt: () => undefined,
    onRestart: vi.fn(),
    onTerminate: vi.fn(),
    ...overrides,
  };
}

async function account(): Promise<{ booting: Instance; active: Instance; list: Instance[] }> {
  const { simulator, client } = simulatedAccount();
  simulator.state.addSSHKey({ name: "laptop" });
  simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 2);
  const filesystem = simulator.state.addFilesystem({ name: "datasets", region: "us-west-1" });
  const active = simulator.state.launchInstance({
    name: "trainer",
    instance_type_name: "gpu_1x_a10",
    region_name: "us-west-1",
    ssh_key_names: ["laptop"],
    file_system_names: [filesystem.name],
    tags: [{ key: "team", value: "ml" }],
  });
  simulator.clock.advance(simulator.settings.bootMs);
  const booting = simulator.state.launchInstance({
    name: "fresh",
    instance_type_name: "gpu_1x_a10",
    region_name: "us-west-1",
    ssh_key_names: ["laptop"],
  });
  const list = await client.instances.list();
  return {
    booting: list.find((instance) => instance.id === booting.id) as Instance,
    active: list.find((instance) => instance.id === active.id) as Instance,
    list,
  };
}

const NOW = Date.UTC(2026, 0, 1, 12);

beforeEach(() => {
  loadDashboardPage();
  localStorage.clear();
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  return () => vi.useRealTimers();
});

describe("the instance list", () => {
  it("shows a launch that has no id yet as a requested row with its elapsed time and the API's boot guidance", () => {
    const startedAt = NOW - 42_000;
    renderInstances(
      container(),
      [],
      options({
        pending: [
          {
            key: "k1",
            name: "soon",
            typeName: "gpu_1x_a10",
            typeDescription: "1x A10",
            region: "us-west-1",
            startedAt,
          },
        ],
      }),
    );
    const row = container().querySelector<HTMLElement>('tr[data-pending-launch="k1"]') as HTMLElement;
    expect(row.dataset.status).toBe("requested");
    expect(row.textContent).toContain("soon");
    expect(row.querySelector(".progress")?.textContent).toBe("0:42 elapsed · usually 2–4 min");
  });

  it("shows a booting instance's progress against the median boot seen for its type, and ticks", async () => {
    const { booting, list } = await account();
    recordBoot("gpu_1x_a10", 60_000);
    recordBoot("gpu_1x_a10", 80_000);
    recordBoot("gpu_1x_a10", 200_000);
    const startedAt = NOW - 5_000;
    renderInstances(container(), list, options({ launchedAt: (id) => (id === booting.id ? startedAt : undefined) }));
    const progress = rowOf(booting.id).querySelector(".progress") as HTMLElement;
    expect(progress.textContent).toBe("0:05 elapsed · typically 1:20");
    tickElapsed(container(), startedAt + 75_000);
    expect(progress.textContent).toBe("1:15 elapsed · typically 1:20");
  });

  it("opens details with the private IP, a Jupyter link that does not print its token, filesystems and tags", async () => {
    const { active, list } = await account();
    renderInstances(container(), list, options());
    const details = button(rowOf(active.id), "details") as HTMLButtonElement;
    expect(details.getAttribute("aria-expanded")).toBe("false");
    details.click();
    const opened = button(rowOf(active.id), "details") as HTMLButtonElement;
    expect(opened.getAttribute("aria-expanded")).toBe("true");
    const panel = document.getElementById(opened.getAttribute("aria-controls") as string) as HTMLElement;
    const text = panel.textContent ?? "";
    expect(active.private_ip).toBeTruthy();
    expect(text).toContain(active.private_ip as string);
    expect(text).toContain("datasets");
    expect(text).toContain("team: ml");
    const jupyter = panel.querySelector("a") as HTMLAnchorElement;
    expect(jupyter.href).toBe(active.jupyter_url);
    expect(jupyter.rel).toContain("noopener");
    expect(text).not.toContain(active.jupyter_token as string);
  });

  it("restarts and terminates on the second click only, and offers neither without writes", async () => {
    const { active, booting, list } = await account();
    const onRestart = vi.fn();
    const onTerminate = vi.fn();
    renderInstances(container(), list, options({ onRestart, onTerminate }));
    expect(button(rowOf(booting.id), "restart")).toBeNull();
    button(rowOf(active.id), "restart")?.click();
    expect(onRestart).not.toHaveBeenCalled();
    expect(button(rowOf(active.id), "restart")?.textContent).toBe("Confirm restart");
    button(rowOf(active.id), "restart")?.click();
    expect(onRestart).toHaveBeenCalledWith(active);
    button(rowOf(active.id), "terminate")?.click();
    button(rowOf(active.id), "terminate")?.click();
    expect(onTerminate).toHaveBeenCalledWith(active);

    renderInstances(container(), list, options({ writes: false }));
    expect(container().querySelectorAll('button[data-action="restart"], button[data-action="terminate"]')).toHaveLength(
      0,
    );
    expect(button(rowOf(active.id), "details")).not.toBeNull();
  });

  it("labels every cell with its column, for the phone layout's cards", async () => {
    const { list } = await account();
    renderInstances(container(), list, options());
    const headers = [...container().querySelectorAll("thead th")].map((th) => th.textContent).slice(0, 5);
    for (const row of container().querySelectorAll("tbody tr[data-instance-id]")) {
      expect([...row.querySelectorAll("td[data-label]")].map((td) => td.getAttribute("data-label"))).toEqual(headers);
    }
  });
});
