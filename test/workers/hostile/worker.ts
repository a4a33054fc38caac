// The suite's Worker does nothing: the battery runs in the test itself, inside workerd.
export default {
  fetch: () => new Response("The hostile-upstream battery runs in battery.test.ts.", { status: 404 }),
} satisfies ExportedHandler;
