using System.Security.Cryptography;
using Concord.Intel.Data;
using Concord.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Cursors;

/// <summary>
/// The node's keys, read from the store at start (<see cref="LoadAsync"/>, before the node serves). The first process to
/// start on an empty store makes them; processes starting at the same moment all keep whichever row was inserted first.
/// </summary>
internal sealed class NodeKeys
{
    private const string CursorKey = "page-cursors";
    private byte[]? _cursors;

    /// <summary>The AES-256 key of page cursors.</summary>
    public byte[] Cursors => _cursors ?? throw new InvalidOperationException("The node keys are read at start (MigrateIntelAsync) before any request.");

    public async Task LoadAsync(IntelDbContext db, CancellationToken cancellationToken)
    {
        var secret = await ReadAsync(db, cancellationToken);
        if (secret is null)
        {
            var made = RandomNumberGenerator.GetBytes(32);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO intel_node_keys (name, secret) VALUES ({CursorKey}, {made}) ON CONFLICT (name) DO NOTHING", cancellationToken);
            secret = await ReadAsync(db, cancellationToken);
        }

        _cursors = secret is { Length: 32 } ? secret : throw new InvalidOperationException("The stored page cursor key is not 32 bytes.");
    }

    private static async Task<byte[]?> ReadAsync(IntelDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.ListAsync("SELECT secret FROM intel_node_keys WHERE name = @p0", r => (byte[])r.GetValue(0), cancellationToken, CursorKey)).FirstOrDefault();
}
