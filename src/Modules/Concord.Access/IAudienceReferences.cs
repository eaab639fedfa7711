namespace Concord.Access;

/// <summary>
/// Implemented by each module that stores records or settings naming an audience (Intel's objects and queued imports,
/// Taxii's sharing-group collections). Before a sharing group is deleted, Access asks every implementation and
/// refuses while anything still names the group: such records would keep an audience id that no longer has members,
/// so every member but the owner would lose them silently, with no group left to show who had been meant to read them.
/// </summary>
public interface IAudienceReferences
{
    /// <summary>
    /// What still names <paramref name="audienceId"/>, as plural nouns for an error message ("stored objects"), never
    /// counts or names of records; empty when nothing does.
    /// </summary>
    Task<IReadOnlyList<string>> FindAsync(Guid audienceId, CancellationToken cancellationToken);
}
