using Concord.Platform;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Jobs;

/// <summary>Import bodies spooled to the data folder, so memory stays bounded and a job survives a restart.</summary>
internal sealed class Spool(IOptions<StorageOptions> storage)
{
    public string Directory => Path.Combine(storage.Value.DataDirectory, "intel-spool");

    public string PathFor(Guid id) => Path.Combine(Directory, $"{id:N}.json");

    /// <summary>Copies <paramref name="body"/> to a new spool file; fails with 413 past <paramref name="maxBytes"/> (and leaves nothing behind).</summary>
    public async Task<Result<(string Path, long Bytes)>> WriteAsync(Guid id, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(id);
        long total = 0;
        var buffer = new byte[81920];
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
            }

            if (total > maxBytes)
            {
                File.Delete(path);
                return TooLarge(maxBytes);
            }

            return (path, total);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public static Error TooLarge(long maxBytes) =>
        new(ErrorKind.TooLarge, "body-too-large", $"The import body is larger than the limit of {maxBytes} bytes.", "body");
}
