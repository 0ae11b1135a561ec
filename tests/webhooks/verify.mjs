// Checks webhook deliveries with the Standard Webhooks reference library (npm standardwebhooks),
// independently of the plugin's signer. Reads one JSON object per line on stdin:
//   {"secret": "whsec_...", "id": "...", "timestamp": "...", "signature": "...", "body": "..."}
// and prints "ok <id>" or "fail <id>: <reason>" per line.
import { createInterface } from "node:readline";
import { Webhook } from "standardwebhooks";

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
	if (!line.trim()) continue;
	const d = JSON.parse(line);
	try {
		new Webhook(d.secret).verify(d.body, {
			"webhook-id": d.id,
			"webhook-timestamp": d.timestamp,
			"webhook-signature": d.signature,
		});
		console.log(`ok ${d.id}`);
	} catch (e) {
		console.log(`fail ${d.id}: ${e.message}`);
	}
}
