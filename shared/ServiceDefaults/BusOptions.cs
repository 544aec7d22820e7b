using System.ComponentModel.DataAnnotations;

namespace OpsBus.ServiceDefaults;

/// <summary>Which transport the bus runs on. Bound from the <c>Bus</c> configuration section.</summary>
public sealed class BusOptions
{
    public const string SectionName = "Bus";

    /// <summary><c>InMemory</c> (embedded mode, one process) or <c>RabbitMq</c> (distributed mode).</summary>
    [Required]
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    /// <summary>The broker, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>; the path is the virtual host.</summary>
    public Uri RabbitMqHost { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>Messages a RabbitMQ consumer may hold unacknowledged.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 64;
}

public enum BusTransport
{
    InMemory,
    RabbitMq,
}
