// Byte counts as people read them (1.4 MB): the same rule the error sentences use.
export { formatBytes } from '../../shared/i18n/format-bytes.ts';
