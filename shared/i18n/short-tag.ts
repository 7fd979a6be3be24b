// Short, readable names for long entitlement tags (`regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0…`).

/** `regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-…` → `UCM_Enhanced,12.0`. */
export function shortTag(tag: string): string {
  const match = /^regid\.\d{4}-\d{2}\.[^.]+\.[^.]+\.(.+?)(?:_[0-9a-f]{8}-[0-9a-f-]{27,})?$/i.exec(
    tag,
  );
  return match?.[1] ?? tag;
}
