using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OpsBus.Hostile.Tests.Bus;

/// <summary>
/// The broker seen without MassTransit: puts raw bytes on a queue (the default exchange, as a misbehaving producer
/// would) and reads back what a queue holds, headers included.
/// </summary>
internal sealed class RawQueues(IConnection connection) : IAsyncDisposable
{
    public static async Task<RawQueues> ConnectAsync(Uri virtualHost) =>
        new(await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync());

    public async Task Put(string queue, string contentType, string body)
    {
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = contentType, MessageId = Guid.NewGuid().ToString(), Persistent = true };
        await channel.BasicPublishAsync("", queue, true, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>How many messages wait in <paramref name="queue"/>; null while it does not exist.</summary>
    public async Task<uint?> Depth(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>Takes every message <paramref name="queue"/> holds (acknowledged: they leave the queue).</summary>
    public async Task<IReadOnlyList<RawMessage>> Drain(string queue)
    {
        var messages = new List<RawMessage>();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(queue, true) is { } result)
        {
            var headers = (result.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString() ?? "");
            messages.Add(new RawMessage(Encoding.UTF8.GetString(result.Body.Span), headers));
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await connection.CloseAsync();
        connection.Dispose();
    }
}

internal sealed record RawMessage(string Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Header(string name) => Headers.GetValueOrDefault(name, "");
}
