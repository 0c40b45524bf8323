/** Runs tasks with the same name one after another (in this process); different names run freely. */
export class SerialQueues {
  private readonly queues = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task with the same name has finished. */
  async run<T>(name: string, task: () => Promise<T>): Promise<T> {
    const before = this.queues.get(name) ?? Promise.resolve();
    const result = before.then(task, task);
    const settled = result.catch(() => undefined);
    this.queues.set(name, settled);
    void settled.then(() => {
      if (this.queues.get(name) === settled) this.queues.delete(name);
    });
    return result;
  }
}
