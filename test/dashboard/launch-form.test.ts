// @vitest-environment happy-dom
// The launch form (examples/worker/dashboard/views/launch-form.ts): it opens behind a button and
// says so (the moment to refresh capacity), hands a launch over without waiting, clears only
// the name it just used, keeps what the user chose or typed when a fresh catalog arrives, and
// never offers a region that has no capacity for the chosen type.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderLaunchForm } from "../../examples/worker/dashboard/views/launch-form";
import { loadDashboardPage } from "./page";
import { simulatedAccount } from "./simulated-account";

const form = () => document.querySelector<HTMLFormElement>("form.launch") as HTMLFormElement;
const select = (name: string) => form().querySelector<HTMLSelectElement>(`select[name="${name}"]`) as HTMLSelectElement;
const nameInput = () => form().querySelector<HTMLInputElement>('input[name="name"]') as HTMLInputElement;
const toggle = () => document.querySelector<HTMLButtonElement>("button.launch-toggle") as HTMLButtonElement;
const regionsOffered = () => [...select("region_name").options].map((option) => option.value);

function choose(name: string, value: string): void {
  select(name).value = value;
  select(name).dispatchEvent(new Event("change"));
}

beforeEach(() => loadDashboardPage());

describe("the launch form", () => {
  it("opens behind a button that reports its state, calling onOpen each time it opens", async () => {
    const onOpen = vi.fn();
    renderLaunchForm(document.getElementById("launch") as HTMLElement, { onOpen, onLaunch: vi.fn() });
    expect(form().hidden).toBe(true);
    toggle().click();
    expect(form().hidden).toBe(false);
    expect(toggle().getAttribute("aria-expanded")).toBe("true");
    expect(toggle().getAttribute("aria-controls")).toBe(form().id);
    toggle().click();
    toggle().click();
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it("hands the launch over at once and clears only the name it used; a name typed next survives a catalog refresh", async () => {
    const { simulator, client } = simulatedAccount();
    simulator.state.addSSHKey({ name: "laptop" });
    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 3);
    const onLaunch = vi.fn();
    const launchForm = renderLaunchForm(document.getElementById("launch") as HTMLElement, {
      onOpen: vi.fn(),
      onLaunch,
    });
    launchForm.update(await client.instanceTypes.list(), await client.sshKeys.list());
    toggle().click();
    choose("instance_type_name", "gpu_1x_a10");
    choose("region_name", "us-west-1");
    nameInput().value = " first ";
    form().requestSubmit();

    expect(onLaunch).toHaveBeenCalledWith(
      { instance_type_name: "gpu_1x_a10", region_name: "us-west-1", ssh_key_names: ["laptop"], name: "first" },
      "1x A10 (24 GB PCIe)",
    );
    expect(nameInput().value).toBe("");
    expect(form().querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(false);

    nameInput().value = "second";
    launchForm.update(await client.instanceTypes.list(), await client.sshKeys.list());
    expect(nameInput().value).toBe("second");
    expect(select("instance_type_name").value).toBe("gpu_1x_a10");
    expect(select("region_name").value).toBe("us-west-1");
  });

  it("stops offering a region once a refreshed catalog shows it sold out", async () => {
    const { simulator, client } = simulatedAccount();
    simulator.state.addSSHKey({ name: "laptop" });
    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 1);
    simulator.state.setCapacity("gpu_1x_a10", "us-east-1", 1);
    const launchForm = renderLaunchForm(document.getElementById("launch") as HTMLElement, {
      onOpen: vi.fn(),
      onLaunch: vi.fn(),
    });
    launchForm.update(await client.instanceTypes.list(), await client.sshKeys.list());
    choose("instance_type_name", "gpu_1x_a10");
    choose("region_name", "us-west-1");
    expect(regionsOffered()).toContain("us-west-1");

    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 0);
    launchForm.update(await client.instanceTypes.list(), await client.sshKeys.list());
    expect(regionsOffered()).not.toContain("us-west-1");
    expect(regionsOffered()).toContain("us-east-1");
    expect(select("region_name").value).toBe(regionsOffered()[0]);
  });

  it("disables a sold-out type and moves off it, and disables launching when nothing has capacity", async () => {
    const { simulator, client } = simulatedAccount();
    simulator.state.addSSHKey({ name: "laptop" });
    const catalog = await client.instanceTypes.list();
    for (const [typeName, entry] of Object.entries(catalog)) {
      for (const region of entry.regions_with_capacity_available) simulator.state.setCapacity(typeName, region.name, 0);
    }
    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 1);
    const launchForm = renderLaunchForm(document.getElementById("launch") as HTMLElement, {
      onOpen: vi.fn(),
      onLaunch: vi.fn(),
    });
    launchForm.update(await client.instanceTypes.list(), await client.sshKeys.list());
    expect(select("instance_type_name").value).toBe("gpu_1x_a10");
    const soldOut = [...select("instance_type_name").options].filter((option) => option.disabled);
    expect(soldOut.length).toBe(Object.keys(catalog).length - 1);
    expect(soldOut[0]?.textContent).toContain("no capacity");

    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 0);
    launchForm.update(await client.instanceTypes.list(), await client.sshKeys.list());
    expect(regionsOffered()).toEqual([]);
    expect(form().querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(true);
  });
});
