import { Matches, MaxLength, ValidationOptions } from "class-validator";

/** No C0 control other than tab, line feed and carriage return, and no DEL: matching them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROL_FREE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/**
 * Text that is stored and shown to others: at most `max` characters, and no
 * control characters (NUL and the like) beyond tab and line breaks.
 */
export function PlainText(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, key) => {
    MaxLength(max, options)(target, key as string);
    Matches(CONTROL_FREE, {
      ...options,
      message: "must not contain control characters (tab and line breaks are fine)",
    })(target, key as string);
  };
}
