// The blotter's last action outcome ("Cancelled 3 orders", or a failure's code and message), shown in
// its header strip. A store, because cancel-all also runs from the Shift+X shortcut outside the blotter.
import { create } from 'zustand';
import type { KeelErrorData } from '../../../../shared/contract/errors.ts';

export type BlotterMessage = { kind: 'ok'; text: string } | { kind: 'error'; action: string; error: KeelErrorData };

export const useBlotterMessage = create<{ message: BlotterMessage | null }>()(() => ({ message: null }));

export function showBlotterMessage(message: BlotterMessage | null): void {
  useBlotterMessage.setState({ message });
}
