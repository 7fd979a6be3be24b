// Short, readable names for long entitlement tags: the same rule the error sentences use.
export { shortTag } from '../../shared/i18n/short-tag.ts';
