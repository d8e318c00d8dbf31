import type { Fc2Client } from "./emulator";

let changes = 0;

/**
 * Publishes a version of `service` after changing its description, because the cloud (and so the
 * emulator) refuses to publish when nothing changed since the newest version.
 */
export async function changeAndPublish(client: Fc2Client, service: string, description?: string) {
  changes += 1;
  await client.updateService(service, { description: `change ${changes}` });
  return client.publishVersion(service, description);
}
