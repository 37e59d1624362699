using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// llama.cpp's abort callback, which ggml polls between graph nodes: it is how a long prompt decode stops within
/// milliseconds, while executors only check a token between generated tokens. The callback is a static
/// [UnmanagedCallersOnly] function so no delegate can be collected while native code holds it; the signal reaches
/// it through a GCHandle. LLamaSharp's own binding is used so the call goes through its native library loader.
/// </summary>
internal sealed class AbortSignal : IDisposable
{
    private readonly GCHandle _handle;
    private CancellationToken _token;

    public unsafe AbortSignal(SafeLLamaContextHandle context)
    {
        _handle = GCHandle.Alloc(this);
        NativeApi.llama_set_abort_callback(context, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, byte>)&ShouldAbort, GCHandle.ToIntPtr(_handle));
    }

    private long _polls;

    /// <summary>The token of the request now decoding (default when idle).</summary>
    public CancellationToken Token
    {
        get => _token;
        set => _token = value;
    }

    /// <summary>Number of times llama.cpp asked; tests use it to prove the callback is wired.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    public void Dispose() => _handle.Free();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte ShouldAbort(IntPtr data)
    {
        if (GCHandle.FromIntPtr(data).Target is not AbortSignal signal)
        {
            return 0;
        }

        Interlocked.Increment(ref signal._polls);
        return signal._token.IsCancellationRequested ? (byte)1 : (byte)0;
    }
}
