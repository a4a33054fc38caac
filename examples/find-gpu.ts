/**
 * Finds the cheapest H100 at or under a price, launches it as soon as one has capacity, waits
 * until it is active and prints the SSH command, showing its progress. The instance keeps
 * running (and billing) afterwards: terminate it when you are done. Ctrl-C stops the search;
 * a launch already sent is settled first, and what exists is printed.
 *
 *   LAMBDA_API_KEY=… node examples/find-gpu.ts [max cents per hour, default 300]
 *   LAMBDA_API_KEY=… bun examples/find-gpu.ts [cents]
 *   LAMBDA_API_KEY=… deno run --allow-env=LAMBDA_API_KEY --allow-net=cloud.lambda.ai examples/find-gpu.ts [cents]
 *
 * Set LAMBDA_CLOUD_BASE_URL to use another API, e.g. the simulator (`npx lambda-cloud-simulator`
 * prints its base URL; under Deno also allow that variable and the simulator's address).
 */
import { LambdaCloudClient, LaunchWhenAvailableError, type LaunchWhenAvailableEvent } from "lambda-cloud";

const maxCents = Number(process.argv[2] ?? 300);
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}/h`;

function show(event: LaunchWhenAvailableEvent): void {
  switch (event.type) {
    case "poll":
      if (event.nextPollMs !== undefined)
        console.log(`  look ${event.poll}: none yet, next in ${Math.round(event.nextPollMs / 1000)} s`);
      break;
    case "poll-failed":
      console.log(
        `  look ${event.poll} failed (${event.error.message}); next in ${Math.round(event.nextPollMs / 1000)} s`,
      );
      break;
    case "attempt":
      console.log(
        `Launching ${event.candidate.type} in ${event.candidate.region} at ${dollars(event.candidate.priceCentsPerHour)}…`,
      );
      break;
    case "capacity-race":
      console.log("  someone was faster; still looking");
      break;
    case "outcome-unknown":
      console.log("  the launch's answer was lost; its token is checked before any new attempt");
      break;
    case "launched":
      console.log(`Launched ${event.instanceId}; waiting until it is active`);
      break;
    case "status":
      console.log(`  ${event.instance.id}: ${event.instance.status}`);
      break;
  }
}

const client = new LambdaCloudClient();
const [sshKey] = await client.sshKeys.list();
if (!sshKey)
  throw new Error(
    "The account has no SSH key: add one first (client.sshKeys.create({ name }) or the Lambda Cloud console).",
  );

const stop = new AbortController();
process.once("SIGINT", () => stop.abort());
console.log(`Looking for an H100 at ${dollars(maxCents)} or less, SSH key ${sshKey.name}`);
try {
  const { instance, summary } = await client.instances.launchWhenAvailable(
    { instance_type_name: { gpu: "H100" }, region_name: "any", ssh_key_names: [sshKey.name], name: "find-gpu" },
    { maxPriceCentsPerHour: maxCents, waitUntilActive: true, signal: stop.signal, onEvent: show },
  );
  console.log(`Active after ${summary.polls} looks and ${summary.attempts} launch attempts: ssh ubuntu@${instance.ip}`);
} catch (error) {
  if (!(error instanceof LaunchWhenAvailableError)) throw error;
  console.log(error.message);
  process.exitCode = 1;
}
