// Whether the ticket's order stands refused: what keeps the submit button and Enter from sending it.
import type { PreviewState } from './use-order-preview.ts';

/**
 * True while the engine's last answer is a refusal, including while it is being asked again (the price or
 * the equity moved): the button must not flicker to enabled between two previews that both refuse. An
 * edit that makes the order acceptable waits for the engine's next answer (a fraction of a second).
 */
export function previewRefuses(preview: PreviewState): boolean {
  if (preview.status === 'ready') return preview.preview.refusal !== null;
  if (preview.status === 'loading') return preview.preview !== null && preview.preview.refusal !== null;
  return false;
}
