using Concord.Platform;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Jobs;

/// <summary>
/// Import bodies spooled to the data folder, so memory stays bounded and a job survives a restart. A spool file is
/// held open (a shared lock) from its creation until its import is done or its job is queued, so the start-up sweep
/// (<see cref="RemoveOrphans"/>) tells a file in use, in this process or another on the same folder, from one a killed
/// process left behind.
/// </summary>
internal sealed class Spool(IOptions<StorageOptions> storage)
{
    public string Directory => Path.Combine(storage.Value.DataDirectory, "intel-spool");

    public string PathFor(Guid id) => Path.Combine(Directory, $"{id:N}.json");

    /// <summary>Copies <paramref name="body"/> to a new spool file; fails with 413 past <paramref name="maxBytes"/> (and leaves nothing behind).</summary>
    /// <returns>The file, still open and positioned at its start; disposing the lease closes it (and deletes it, unless kept).</returns>
    public async Task<Result<SpoolLease>> WriteAsync(Guid id, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(id);
        long total = 0;
        var buffer = new byte[81920];

        // FileShare.Read takes a shared lock (flock on Unix) that the sweep's exclusive open cannot get.
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    await DiscardAsync(file, path);
                    return TooLarge(maxBytes);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new SpoolLease(file, path, total);
        }
        catch
        {
            await DiscardAsync(file, path);
            throw;
        }
    }

    /// <summary>
    /// Deletes spool files no queued or running job refers to and nobody holds open: what a process killed during an
    /// upload or a synchronous import left. Runs at start, before the node serves.
    /// </summary>
    public int RemoveOrphans(IReadOnlySet<string> referenced)
    {
        ArgumentNullException.ThrowIfNull(referenced);
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            if (referenced.Contains(Path.GetFullPath(path)))
            {
                continue;
            }

            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(path);
                removed++;
            }
            catch (IOException)
            {
                // Held open: an upload or import in progress, here or in another process on this folder.
            }
        }

        return removed;
    }

    public static Error TooLarge(long maxBytes) =>
        new(ErrorKind.TooLarge, "body-too-large", $"The import body is larger than the limit of {maxBytes} bytes.", "body");

    private static async Task DiscardAsync(FileStream file, string path)
    {
        await file.DisposeAsync();
        File.Delete(path);
    }
}

/// <summary>A spooled body, open. Dispose it when done: the file is deleted unless <see cref="Keep"/> handed it to a job.</summary>
internal sealed class SpoolLease(FileStream file, string path, long bytes) : IAsyncDisposable
{
    private bool _kept;

    public Stream Stream => file;

    public string Path => path;

    public long Bytes => bytes;

    /// <summary>The file outlives the lease: a queued job owns it now.</summary>
    public void Keep() => _kept = true;

    public async ValueTask DisposeAsync()
    {
        await file.DisposeAsync();
        if (!_kept)
        {
            File.Delete(path);
        }
    }
}
