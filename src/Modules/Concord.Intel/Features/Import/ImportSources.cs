using Concord.Intel.Features.Misp;
using Concord.Platform;

namespace Concord.Intel.Features.Import;

/// <summary>Opens an import body as the pipeline's source, after deciding its format (<see cref="ImportFormats"/>).</summary>
internal static class ImportSources
{
    public static async Task<Result<IngestSource>> OpenAsync(Stream body, MispSourceServices services, CancellationToken cancellationToken)
    {
        var detected = await ImportFormats.DetectAsync(body, cancellationToken);
        if (!detected.IsSuccess)
        {
            return detected.Error!;
        }

        var input = detected.Value!;
        return input.Format switch
        {
            ImportFormat.StixBundle => (IngestSource)new StixBundleSource(input.Stream),
            ImportFormat.Misp => new MispSource(input.Stream, services),
        };
    }

    /// <summary>The importing organisation's sharing groups, for MISP's distribution 4.</summary>
    public static MispSourceServices Services(Access.IAccessDirectory directory, Guid owner, TimeProvider time) =>
        new(async (group, cancellationToken) =>
        {
            var resolved = await directory.ResolveSharingGroupAsync(owner, group, cancellationToken);
            return resolved.IsSuccess ? resolved.Value : null;
        }, time);
}
