namespace OpsBus.Testing;

/// <summary>Waits on a condition with a deadline instead of sleeping a guessed amount of time.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan deadline, string what, TimeSpan? interval = null)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await probe();
            if (value is not null)
                return value;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Not within {deadline.TotalSeconds:0.#} s: {what}");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static async Task True(Func<Task<bool>> condition, TimeSpan deadline, string what, TimeSpan? interval = null)
    {
        await Get<object>(async () => await condition() ? true : null, deadline, what, interval);
    }
}
