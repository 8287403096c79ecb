import { Code } from "./code-block";
import { DocSubsection, Prose } from "./doc-section";

/** The rules every call shares: pages, retries, limits and request ids (server/integrations/api/v1-route.ts). */
export function ApiRequestRules({ requestsPerMinute, listAnchor, syncAnchor }: { requestsPerMinute: number; listAnchor: string; syncAnchor: string }) {
  return (
    <>
      <DocSubsection id="pagination" title="Pagination">
        <Prose>
          <p>
            Lists answer <Code>{"{object: \"list\", data, has_more, url}"}</Code>, newest first. Ask for a page size with <Code>limit</Code>; while{" "}
            <Code>has_more</Code> is true, ask again with <Code>starting_after</Code> set to the <Code>id</Code> of the last item you got (
            <a href={`#${listAnchor}`}>List a user&apos;s accounts</a>).
          </p>
          <p>
            Transactions come as changes since a cursor instead: keep <Code>next_cursor</Code> with your copy, pass it as <Code>cursor</Code> next time,
            and call again at once while <Code>has_more</Code> is true (<a href={`#${syncAnchor}`}>Sync transactions</a>).
          </p>
        </Prose>
      </DocSubsection>

      <DocSubsection id="idempotency" title="Idempotent retries">
        <Prose>
          <p>
            Every <Code>POST</Code> takes an <Code>Idempotency-Key</Code> header: 1 to 255 visible ASCII characters, a new one (a UUID) for each
            attempt. If the answer is lost, send the same request with the same key again: the first answer comes back, with the header{" "}
            <Code>Idempotent-Replayed: true</Code>, and nothing is done twice. Keys belong to your integration and are kept for 24 hours.
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              The same key with another request (method, path or body, byte for byte) is refused: <Code>400</Code>, type{" "}
              <Code>idempotency_error</Code>, code <Code>idempotency_key_reused</Code>.
            </li>
            <li>
              While the first request with a key is still running, another gets <Code>409</Code> (<Code>idempotency_key_in_use</Code>) with{" "}
              <Code>Retry-After</Code>.
            </li>
            <li>Only successful answers are kept: after an error, the same key may be sent again, with the request fixed.</li>
          </ul>
        </Prose>
      </DocSubsection>

      <DocSubsection id="rate-limits" title="Rate limits">
        <Prose>
          <p>
            Each key may make {requestsPerMinute.toLocaleString("en-US")} requests a minute on this deployment. Every answer to a call with a valid key and the call&apos;s scope says where it stands:{" "}
            <Code>RateLimit-Limit</Code>, <Code>RateLimit-Remaining</Code> and <Code>RateLimit-Reset</Code> (seconds until the window starts afresh).
            Beyond the limit the answer is <Code>429</Code>, type <Code>rate_limit_error</Code>, with <Code>Retry-After</Code> in seconds: wait that long.
          </p>
          <p>
            Two more limits answer <Code>429</Code> the same way: minting links, per key (its mint limit, 60 a minute unless an administrator set
            another), and refreshing a feature of an account before its <Code>next_refresh_available_at</Code>.
          </p>
        </Prose>
      </DocSubsection>

      <DocSubsection id="request-ids" title="Request ids">
        <Prose>
          <p>
            Every answer, errors included, carries a <Code>Request-Id</Code> header (a UUID, or the id your load balancer sent in <Code>X-Request-Id</Code>). Log it; quote it when you ask about a call,
            and we can find that exact request.
          </p>
        </Prose>
      </DocSubsection>
    </>
  );
}
