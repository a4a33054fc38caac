/** Command-line flags of `lambda-cloud-simulator`, parsed into simulator and server options. */
import type { SimulatorOptions } from "./simulator.js";

/** Usage text of the bin. */
export const USAGE = `Usage: lambda-cloud-simulator [options]

Serves a simulated Lambda Cloud API on 127.0.0.1 and prints its base URL. The account
starts with a demo: an SSH key named laptop, a filesystem, three active instances.

Options:
  --port N        port to listen on (0 picks a free one)        default 8788
  --key K         an API key to accept; repeat for more         default sim-key
  --seed N        seed of ids, addresses and capacity           default 1
  --boot-ms MS    simulated boot time of an instance            default 2000
  --rate-limit    enforce 1 request/s and 1 launch per 12 s per key
  --admin         serve the control API under /__admin/ (faults, clock, state)
  --empty         start with an empty account instead of the demo
  --fixture FILE  start with the account in FILE (JSON: ssh_keys, filesystems,
                  firewall_rulesets, instances, tickets, capacity, quotas)
  --capacity-script FILE
                  change capacity over time as FILE says (JSON: a list of
                  { "at": ms after start, "type", "region", "units" })
  --scarce       scarce capacity: most types and regions empty, a unit
                  appearing and vanishing at random (seeded by --seed)
  --help          show this text`;

/** The account to start with: the demo, an empty one, or a fixture file's. */
export type BinAccount = "demo" | "empty" | { readonly file: string };

/** What the flags ask for. */
export interface BinOptions {
  readonly port: number;
  readonly account: BinAccount;
  /** The file of scripted capacity (`--capacity-script`), if any. */
  readonly capacityScript: string | undefined;
  readonly simulator: SimulatorOptions;
  readonly help: boolean;
}

function integerFlag(flag: string, value: string | undefined, min: number): number {
  const number = Number(value);
  if (value === undefined || value.startsWith("--") || !Number.isInteger(number) || number < min) {
    throw new TypeError(
      `${flag} needs a whole number${min > 0 ? ` ≥ ${min}` : " ≥ 0"}, got ${value === undefined ? "nothing" : JSON.stringify(value)}.`,
    );
  }
  return number;
}

/**
 * Parses the bin's flags.
 * @throws {TypeError} naming the flag that is unknown or lacks a valid value.
 */
export function parseBinArgs(args: readonly string[]): BinOptions {
  let port = 8788;
  const keys: string[] = [];
  const simulator: { seed?: number; bootMs?: number; rateLimit?: boolean; admin?: boolean; scarce?: boolean } = {};
  let account: BinAccount = "demo";
  const chooseAccount = (flag: string, choice: BinAccount) => {
    if (account !== "demo")
      throw new TypeError(`${flag} cannot be combined with --empty or another --fixture; give one of them.`);
    account = choice;
  };
  let help = false;
  let capacityScript: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const flag = args[index] as string;
    const value = () => args[++index];
    switch (flag) {
      case "--port":
        port = integerFlag(flag, value(), 0);
        if (port > 65_535) throw new TypeError(`--port must be at most 65535, got ${port}.`);
        break;
      case "--key": {
        const key = value();
        if (!key || key.startsWith("--")) throw new TypeError("--key needs an API key after it.");
        keys.push(key);
        break;
      }
      case "--seed":
        simulator.seed = integerFlag(flag, value(), 0);
        break;
      case "--boot-ms":
        simulator.bootMs = integerFlag(flag, value(), 0);
        break;
      case "--rate-limit":
        simulator.rateLimit = true;
        break;
      case "--admin":
        simulator.admin = true;
        break;
      case "--scarce":
        simulator.scarce = true;
        break;
      case "--empty":
        chooseAccount(flag, "empty");
        break;
      case "--fixture": {
        const file = value();
        if (!file || file.startsWith("--")) throw new TypeError("--fixture needs the path of a JSON file after it.");
        chooseAccount(flag, { file });
        break;
      }
      case "--capacity-script": {
        const file = value();
        if (!file || file.startsWith("--"))
          throw new TypeError("--capacity-script needs the path of a JSON file after it.");
        if (capacityScript !== undefined)
          throw new TypeError("--capacity-script can be given once; put every entry in one file.");
        capacityScript = file;
        break;
      }
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new TypeError(`Unknown option ${JSON.stringify(flag)}. Run with --help to list the options.`);
    }
  }
  return {
    port,
    account,
    capacityScript,
    help,
    simulator: { ...simulator, ...(keys.length > 0 ? { apiKeys: keys } : {}) },
  };
}
