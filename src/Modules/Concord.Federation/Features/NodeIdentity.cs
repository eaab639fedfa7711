using System.Text.RegularExpressions;
using Concord.Federation.Data;
using Concord.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Federation.Features;

/// <summary>
/// This node's federation identity: an id made at the first start and kept in the store (a restored backup is the same
/// node), and the configured name. Read at start (<see cref="LoadAsync"/>), before the node serves.
/// </summary>
internal sealed partial class NodeIdentity(IOptions<FederationOptions> options, TimeProvider time)
{
    private FederationNode? _node;

    public FederationNode Node => _node ?? throw new InvalidOperationException("The node's identity is read at start (MigrateFederationAsync) before any request.");

    public async Task LoadAsync(FederationDbContext db, CancellationToken cancellationToken)
    {
        var id = await ReadAsync(db, cancellationToken);
        if (id is null)
        {
            db.Node.Add(new NodeRow { Id = 1, NodeId = Guid.CreateVersion7(time.GetUtcNow()), CreatedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process starting on the same store made it first: keep that one.
            }

            db.ChangeTracker.Clear();
            id = await ReadAsync(db, cancellationToken) ?? throw new InvalidOperationException("The node's identity could not be stored.");
        }

        _node = new FederationNode(id.Value, NameOf(options.Value.NodeName));
    }

    /// <summary>The configured node name, or the machine's name made into one.</summary>
    internal static string NameOf(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return ValidName().IsMatch(configured)
                ? configured
                : throw new OptionsValidationException(FederationOptions.Section, typeof(FederationOptions),
                    [$"{FederationOptions.Section}:NodeName '{configured}' must be 1-40 lower-case letters, digits, dots and hyphens, starting with a letter or digit."]);
        }

        var machine = NotNameCharacters().Replace(Environment.MachineName.ToLowerInvariant(), "-").Trim('-', '.');
        return machine.Length == 0 ? "concord" : machine[..Math.Min(40, machine.Length)];
    }

    private static async Task<Guid?> ReadAsync(FederationDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.ListAsync("SELECT node_id FROM federation_node WHERE id = 1", r => r.GetValue(0) switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            var other => throw new InvalidOperationException($"Unexpected node id type {other.GetType()}."),
        }, cancellationToken)).Select(g => (Guid?)g).FirstOrDefault();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,39}$")]
    private static partial Regex ValidName();

    [GeneratedRegex("[^a-z0-9.-]+")]
    private static partial Regex NotNameCharacters();
}
