import "server-only";
import { ApiError } from "@/lib/http/api-error";
import { completeLinkSession } from "@/lib/linking/complete-link-session";
import { outcomeRedirectUrl, type LinkOutcome } from "./redirect-uri";
import { tokenForResume } from "./resume-hosted-link";
import { notifyIntegrator } from "./notify-integrator";

export type HostedCompletion = { status: LinkOutcome; linked: number; redirect_url: string };

/**
 * The modal closed on the hosted page: authorized by the signed resume value (there is no
 * cookie), the accounts are read from Stripe and stored exactly as in the browser flow, and the
 * way back is built here from the stored, allow-listed redirect URI. Calling it again answers the same.
 */
export async function completeHostedLink(resume: string): Promise<HostedCompletion> {
  const token = await tokenForResume(resume);
  if (!token) throw new ApiError(403, "This linking session cannot be completed. Go back to the app and start again.");
  let status: LinkOutcome;
  let linked = 0;
  try {
    const result = await completeLinkSession(token.userId, token.linkSessionId);
    status = result.status;
    linked = result.linked;
  } catch (error) {
    // The session is not this user's (403) or is gone (404): a failure the app must hear about.
    if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 404)) throw error;
    status = "failed";
  }
  await notifyIntegrator(token, status);
  return {
    status,
    linked,
    redirect_url: outcomeRedirectUrl(token.redirectUri, { status, linkSessionId: token.linkSessionId, state: token.state }),
  };
}
