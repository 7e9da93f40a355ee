import { Matches, MaxLength, ValidationOptions } from "class-validator";
import { BadUserInputError } from "./errors";

/** No C0 control other than tab, line feed and carriage return, and no DEL: matching them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROL_FREE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** Whether text holds no control character beyond tab and line breaks (what PlainText checks). */
export function isPlainText(s: string): boolean {
  return CONTROL_FREE.test(s);
}

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

/**
 * The value of an argument or input field that was renamed, given under its
 * new name or its deprecated old one (null when under neither). Both given
 * with different values is refused, naming both: neither can be guessed to win.
 */
export function renamed<T>(name: string, value: T | null | undefined, oldName: string, oldValue: T | null | undefined) {
  if (value != null && oldValue != null && value !== oldValue) {
    throw new BadUserInputError(name, `and ${oldName.split(".").pop()}, its deprecated name, differ; give one`);
  }
  return value ?? oldValue ?? null;
}
