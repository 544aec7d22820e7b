import { useState } from "react";
import { problemLines } from "../api/client";

/**
 * A form's submit: busy while it runs, and what a refusal said as lines for `ErrorList` (`describe` words the message
 * when the refusal named no field).
 */
export function useSubmit(describe?: (message: string) => string): {
  errors: string[];
  busy: boolean;
  submit: (work: () => Promise<void>) => Promise<void>;
} {
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(work: () => Promise<void>) {
    setBusy(true);
    setErrors([]);
    try {
      await work();
    } catch (e) {
      setErrors(problemLines(e, describe));
    } finally {
      setBusy(false);
    }
  }

  return { errors, busy, submit };
}
