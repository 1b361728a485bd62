using System.Runtime.InteropServices;

namespace PakAzBot.Search.Semantic;

/// <summary>
/// Hands memory that native code freed back to the operating system. ONNX Runtime allocates each batch's activations
/// with malloc from its worker threads; glibc keeps what they free in per-thread arenas, so after a folder is embedded
/// the process would go on holding the largest batch's memory (some 200 MB measured) while answering one question at
/// a time. glibc's malloc_trim releases it; elsewhere this does nothing.
/// </summary>
internal static class NativeMemory
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, as on Alpine): nothing to trim with.
        }
    }

    // DllImport rather than LibraryImport: one blittable call does not need the source generator's unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
