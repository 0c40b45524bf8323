/** Loading a query into a component: `{data, error, loading, reload}`; runs again when the variables change. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError, type Document, gql } from "./api.js";

export interface QueryState<TData> {
  data: TData | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Asks again; the data shown stays until the new answer replaces it. */
  reload: () => Promise<void>;
}

export function useQuery<TData, TVars = Record<string, unknown>>(document: Document<TData, TVars>, variables?: TVars): QueryState<TData> {
  const [data, setData] = useState<TData | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(variables ?? null);
  // Only the newest request may set the state: an older answer arriving late is dropped.
  const latest = useRef(0);
  const run = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const answer = await gql(document, variables);
      if (ticket !== latest.current) return;
      setData(answer);
      setError(undefined);
    } catch (failure) {
      if (ticket !== latest.current) return;
      setError(failure instanceof ApiError ? failure : new ApiError("Something went wrong. Try again.", undefined));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [document.toString(), key]);
  useEffect(() => {
    void run();
    return () => {
      latest.current++;
    };
  }, [run]);
  return { data, error, loading, reload: run };
}
