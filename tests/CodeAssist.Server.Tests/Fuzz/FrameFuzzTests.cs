using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace CodeAssist.Server.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the real server over stdio (issue #12.4): <see cref="Runs"/> fresh servers (few, since
/// starting one costs as much as thousands of frames) get
/// <see cref="FramesPerRun"/> generated frames each (see <see cref="FrameGrammar"/>). On a failure CsCheck prints
/// the seed; set CODEASSIST_FUZZ_SEED to it to replay the same frames.
/// </summary>
public sealed class FrameFuzzTests(ITestOutputHelper output)
{
    private const int Runs = 2;
    private const int FramesPerRun = 10_000;

    [Fact]
    public async Task GeneratedFrames_LeaveTheServerServing_AndEveryRequestIsAnsweredOnce()
    {
        var seed = Environment.GetEnvironmentVariable("CODEASSIST_FUZZ_SEED");
        output.WriteLine(seed is null ? "CODEASSIST_FUZZ_SEED is not set: a random seed (printed on failure)." : $"Seed {seed} from CODEASSIST_FUZZ_SEED.");

        await FrameGrammar.Frame.Array[FramesPerRun].SampleAsync(
            frames => FuzzRun.RunAsync(frames, output),
            writeLine: output.WriteLine,
            seed: seed,
            iter: Runs,
            threads: 1,
            print: frames => $"{frames.Length} frames");
    }
}
