// The product side: what other layers import (emulated Smart Agent, its console, external ledger).

export * from './device-state.ts';
export * from './device.ts';
export * from './status.ts';
export * from './compliance.ts';
export * from './evaluation.ts';
export * from './export-control.ts';
export * from './clock-honesty.ts';
export * from './term-expiry.ts';
export * from './enforcement.ts';
export * from './banners.ts';
export * from './sources.ts';
export * from './status-sources.ts';
export * from './software-version.ts';
export { syslogLine, syslogMessage } from './syslog.ts';
export { deviceTime } from './device-time.ts';
export { licensingView } from './licensing-view.ts';
export { type AgentEvent, type AgentEventType } from './timeline.ts';
export * from './device-commands.ts';
export * from './external-device-state.ts';
export * from './external-device.ts';
export { udiMatches } from './external-checks.ts';
export * from './console/index.ts';
