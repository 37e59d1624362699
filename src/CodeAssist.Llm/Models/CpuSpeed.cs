using System.Numerics;
using System.Runtime.CompilerServices;

namespace CodeAssist.Llm.Models;

/// <summary>
/// A quick measure of how fast this machine multiplies matrices, the work that dominates a local model's prompt
/// evaluation: every core runs a small vectorised float matrix product for a few milliseconds. Core count alone
/// misleads (a 2-core VM and a 2-core desktop differ several-fold), and memory alone says nothing about speed.
/// </summary>
public static class CpuSpeed
{
    private const int Size = 64;

    /// <summary>Billions of floating-point operations per second over all cores, measured for about <paramref name="duration"/>.</summary>
    public static double MeasureGigaflops(TimeSpan duration)
    {
        var threads = Environment.ProcessorCount;
        var flops = new double[threads];
        var seconds = new double[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            var a = Filled(Size * Size, 1.0001f);
            var b = Filled(Size * Size, 0.9999f);
            var c = new float[Size * Size];
            var started = TimeProvider.System.GetTimestamp();
            var products = 0;
            do
            {
                Multiply(a, b, c);
                products++;
            }
            while (TimeProvider.System.GetElapsedTime(started) < duration);

            seconds[thread] = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            flops[thread] = products * 2.0 * Size * Size * Size;
        });
        return Enumerable.Range(0, threads).Sum(t => flops[t] / Math.Max(seconds[t], 1e-6)) / 1e9;
    }

    private static float[] Filled(int length, float value)
    {
        var values = new float[length];
        Array.Fill(values, value);
        return values;
    }

    /// <summary>c = a × b, row by row so that the inner loop runs over contiguous memory in SIMD vectors.</summary>
    /// <remarks>Fully optimised from the first call: a few milliseconds are too short for tiered compilation.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(float[] a, float[] b, float[] c)
    {
        var width = Vector<float>.Count;
        Array.Clear(c);
        for (var row = 0; row < Size; row++)
        {
            for (var k = 0; k < Size; k++)
            {
                var scale = new Vector<float>(a[(row * Size) + k]);
                for (var column = 0; column + width <= Size; column += width)
                {
                    var target = new Vector<float>(c, (row * Size) + column);
                    var source = new Vector<float>(b, (k * Size) + column);
                    (target + (scale * source)).CopyTo(c, (row * Size) + column);
                }
            }
        }
    }
}
