// Short-lived confirmations ("Copied", "Saved to E:\…") announced politely to screen readers.

export type NoticeTone = 'success' | 'info' | 'error';

export interface Notice {
  id: number;
  tone: NoticeTone;
  text: string;
}

class Notices {
  items = $state<Notice[]>([]);
  #next = 1;

  push(tone: NoticeTone, text: string): void {
    const id = this.#next++;
    this.items = [...this.items.slice(-3), { id, tone, text }];
    if (tone !== 'error') setTimeout(() => this.dismiss(id), 6000);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
