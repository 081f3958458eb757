import { InvalidArgumentError } from 'commander';

/** A whole number within bounds, for commander to check an option's value with (a usage error otherwise). */
export function wholeNumber(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(`${option} must be a whole number from ${min} to ${max}.`);
    return number;
  };
}
