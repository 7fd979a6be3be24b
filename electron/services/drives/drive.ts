// What the app knows about a place it can write codes to: a mounted removable volume (or a lab folder).

import type { ErrorFacts } from '../../../shared/errors.ts';

export interface Drive {
  /** Mount point (`/media/ana/AIRLOCK`, `/Volumes/AIRLOCK`) or drive root (`E:\`). */
  path: string;
  /** What the user recognises: the volume label, else the mount folder's name or drive letter. */
  label: string;
  removable: boolean;
  /** Space available to this (unprivileged) user, in bytes; absent when nothing could tell. */
  freeBytes?: number;
  readOnly?: boolean;
  /** The OS's name for the volume (`/dev/sdb1`, `E:`, `disk4s1`), for support and de-duplication. */
  device?: string;
}

/** Why the list may be incomplete; same shape as a DomainError so the renderer translates the code. */
export interface DriveProblem {
  code: string;
  facts: ErrorFacts;
}

export interface DriveList {
  drives: Drive[];
  problems: DriveProblem[];
}
