/**
 * A re-sync's step in words a person reads at a glance (the details' re-sync box), and whether it
 * still runs. Names and counts only: the step itself never holds a cookie value.
 */
import type { ResyncView } from '../../../../main/shared/ipcContract';
import { listInWords } from './resyncAdvice';

export interface StepWords {
  /** One line: what is happening now. Also what screen readers are told when the step changes. */
  title: string;
  /** What to do or what Lobstr said; null when the title says it all. */
  detail: string | null;
  /** The box's colour: progress is calm, warning amber, success green, error red. */
  tone: 'progress' | 'warning' | 'success' | 'error' | 'neutral';
}

export function isRunning(view: ResyncView): boolean {
  return view.step === 'waiting_for_login' || view.step === 'sending' || view.step === 'synchronizing';
}

export function stepWords(view: ResyncView): StepWords {
  switch (view.step) {
    case 'waiting_for_login':
      if (view.signingIn) return { title: 'Finishing sign-in…', detail: 'Lobstr Tray takes the cookies once the sign-in is complete.', tone: 'progress' };
      return {
        title: view.need > 0 ? `Waiting for you to log in: ${view.have} of ${view.need} ${view.need === 1 ? 'cookie' : 'cookies'}` : 'Waiting for you to log in',
        detail: 'Log in in the window that opened; it closes by itself once the cookies are there.',
        tone: 'progress',
      };
    case 'sending':
      return { title: 'Sending the cookies to Lobstr…', detail: view.cookieNames.length > 0 ? listInWords(view.cookieNames) : null, tone: 'progress' };
    case 'synchronizing':
      return { title: 'Lobstr is synchronizing the account', detail: view.message, tone: view.slow ? 'warning' : 'progress' };
    case 'done':
      // The box's heading already says "Re-synced" once the account is healthy: the line says what Lobstr has.
      return { title: view.message || 'Re-synced', detail: null, tone: 'success' };
    case 'failed':
      return { title: 'The re-sync failed', detail: view.error.message, tone: 'error' };
    case 'cancelled':
      return { title: 'Re-sync cancelled', detail: view.message, tone: 'neutral' };
  }
}
