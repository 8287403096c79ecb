import { TableCard, Td } from "@/components/ui/table";
import { INTEGRATION_EVENT_DESCRIPTIONS, INTEGRATION_EVENT_TYPES } from "@/lib/integrations/webhook-event-types";
import { Code, CodeBlock } from "./code-block";
import { NameHeader } from "./field-table";
import { DocSection, DocSubsection, Prose } from "./doc-section";
import { VERIFY_SNIPPET, WEBHOOK_EXAMPLE } from "./webhook-snippets";

/** The integrator webhooks: what arrives, how to verify it, how it is retried, which events exist. */
export function WebhooksSection() {
  return (
    <DocSection id="webhooks" title="Webhooks">
      <Prose>
        <p>
          Each webhook endpoint of your integration (an administrator adds them at <Code>/admin/integrations</Code>) receives a <Code>POST</Code> with a
          JSON body <Code>{'{"id": "evt_…", "object": "event", "type": "<type>", "created": "<ISO time>", "data": {…ids…}}'}</Code>. <Code>data</Code>{" "}
          carries <Code>link_session_id</Code> and/or <Code>account_id</Code>, and <Code>{"user: {external_id}"}</Code>; link session events also carry
          the <Code>error</Code>. An event says what changed, not the new state: read that through the API.
        </p>
      </Prose>
      <CodeBlock code={WEBHOOK_EXAMPLE} label="Example webhook request" />

      <DocSubsection id="webhook-signatures" title="Verifying signatures">
        <Prose>
          <p>
            Each request carries <Code>{"Linkwell-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(endpoint secret, \"<t>.<raw body>\")>"}</Code> and{" "}
            <Code>Linkwell-Event-Id</Code>. Verify it as you would Stripe&apos;s: compute the HMAC of <Code>t</Code>, a dot and the raw body with the
            endpoint&apos;s secret (the whole <Code>whsec_…</Code> string), compare it with <Code>v1</Code> in constant time, and reject the request
            when <Code>t</Code> is more than 300 seconds away from now, in either direction.
          </p>
        </Prose>
        <CodeBlock code={VERIFY_SNIPPET} label="Verifying a webhook in Node.js" />
      </DocSubsection>

      <DocSubsection id="webhook-retries" title="Answers and retries">
        <Prose>
          <p>
            Answer with a 2xx status within 10 seconds; do slow work afterwards. Any other answer, or none in time, is retried with backoff for
            about a day: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h and 12 h after each failed try, then given up (an administrator can send it again).
            Delivery is at least once and not in order: skip an event <Code>id</Code> you have handled, and read the current state rather than
            trusting the order events arrive in. Ignore types you do not know; an administrator&apos;s test sends <Code>webhook_endpoint.test</Code>.
          </p>
        </Prose>
      </DocSubsection>

      <DocSubsection id="webhook-events" title="Event types">
        <TableCard caption="Webhook event types" columns={["Type", { label: "Sent when", className: "w-full" }]}>
          {INTEGRATION_EVENT_TYPES.map((type) => (
            <tr key={type}>
              <NameHeader name={type} />
              <Td className="text-slate-700">{INTEGRATION_EVENT_DESCRIPTIONS[type]}</Td>
            </tr>
          ))}
        </TableCard>
      </DocSubsection>
    </DocSection>
  );
}
