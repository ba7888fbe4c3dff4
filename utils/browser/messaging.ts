import { browser } from 'wxt/browser';
import { readReply, type WorkerAnswer, type WorkerRequest } from '../engine/protocol';

/**
 * Asks the worker something, typed both ways: the request is one the worker knows, the answer is
 * the snapshot validated like a stored one, or why it failed (a worker that did not answer too).
 */
export async function sendRequest(request: WorkerRequest): Promise<WorkerAnswer> {
  try {
    return readReply(await browser.runtime.sendMessage(request));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
