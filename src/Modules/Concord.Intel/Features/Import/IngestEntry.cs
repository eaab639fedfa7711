using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Features.Import;

/// <summary>
/// One object on its way into the pipeline, read from a STIX bundle (<see cref="Bundle"/>) or written by a converter
/// from another format (<see cref="Json"/>). Whatever its source, the pipeline validates it and applies the same TLP
/// and scope rules, so a converter can never store what a bundle could not.
/// </summary>
/// <param name="Index">Its position in the stream of objects the source yields (a resumed job skips by it).</param>
internal sealed record IngestEntry(int Index)
{
    /// <summary>The bundle element as the STIX reader found it.</summary>
    public StixBundleEntry? Bundle { get; init; }

    /// <summary>The object a converter wrote (when <see cref="Bundle"/> is null).</summary>
    public ReadOnlyMemory<byte> Json { get; init; }

    /// <summary>The source already refused this entry (a MISP attribute that cannot be converted); it is counted as rejected.</summary>
    public RejectedObject? Rejection { get; init; }

    /// <summary>Where a converted object came from, so its errors name the source's element instead of a STIX path.</summary>
    public IngestOrigin? Origin { get; init; }

    /// <summary>The scope the source asks for (MISP's distribution); the request's own scope wins, and the TLP caps it.</summary>
    public ScopeHint? Scope { get; init; }
}

/// <summary>The element of the source an object was converted from: its JSON path there and words a person recognises.</summary>
internal sealed record IngestOrigin(string Path, string Description);

/// <summary>A scope asked for by the source, with its audience (a resolved sharing group) when it needs one.</summary>
internal readonly record struct ScopeHint(Scope Scope, Guid? AudienceId = null);

/// <summary>Where the pipeline's objects come from.</summary>
internal abstract class IngestSource
{
    public abstract ImportFormat Format { get; }

    /// <summary>What a MISP source read and left out; null for other formats.</summary>
    public virtual MispImportSummary? Misp => null;

    public abstract IAsyncEnumerable<IngestEntry> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>The elements of a STIX bundle or TAXII envelope, as the streaming reader yields them.</summary>
internal sealed class StixBundleSource(Stream bundle) : IngestSource
{
    public override ImportFormat Format => ImportFormat.StixBundle;

    public override async IAsyncEnumerable<IngestEntry> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in StixBundleReader.ReadAsync(bundle, StixReaderOptions.Default, cancellationToken))
        {
            yield return new IngestEntry(entry.Index) { Bundle = entry };
        }
    }
}
