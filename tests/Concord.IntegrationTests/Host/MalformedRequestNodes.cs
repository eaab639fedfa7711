using System.Collections.Concurrent;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Concord.IntegrationTests.Host;

/// <summary>
/// One node per store for <see cref="MalformedRequestTests"/>: an organisation with a node admin, and two endpoints only
/// these tests map, for what the API itself does not take — an enum-typed query parameter (the API's enum-like
/// parameters are strings each endpoint parses with its own rule) and a body property of an enum type.
/// </summary>
public sealed class MalformedRequestNodes : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Store, Lazy<Task<(TestNode Node, TestAlliance Alliance)>>> _nodes = new();

    public async Task<(TestNode Node, TestAlliance Alliance)> ForAsync(Store store)
    {
        if (store == Store.Postgres)
        {
            Stores.RequirePostgres();
        }

        return await _nodes.GetOrAdd(store, s => new Lazy<Task<(TestNode, TestAlliance)>>(() => StartAsync(s))).Value;
    }

    public static void MapTestEndpoints(WebApplication app)
    {
        app.MapGet("/test/shade", (Shade shade) => TypedResults.Ok(shade.ToString())).AllowAnonymous();
        app.MapPost("/test/team", (TeamTypeBody body) => TypedResults.Ok(body.Type.ToString())).AllowAnonymous();
    }

    private static async Task<(TestNode, TestAlliance)> StartAsync(Store store)
    {
        var node = await TestNode.StartAsync(store, configureApp: MapTestEndpoints);
        var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        return (node, alliance);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in _nodes.Values.Where(n => n.IsValueCreated && n.Value.IsCompletedSuccessfully))
        {
            var (node, alliance) = await started.Value;
            alliance.Dispose();
            await node.DisposeAsync();
        }
    }
}

public enum Shade
{
    Clear,
    Green,
    Amber,
    Red,
}

/// <summary>A body with an enum the API spells in kebab case (<see cref="TeamType"/>'s converter) and a timestamp.</summary>
public sealed record TeamTypeBody(TeamType Type, DateTimeOffset? Due = null);

/// <summary>Every log entry a node writes, with its level, category and event.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, EventId Event, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((logLevel, category, eventId, formatter(state, exception), exception));
    }
}
