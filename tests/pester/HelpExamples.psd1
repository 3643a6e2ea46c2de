# The help examples that Help.Tests.ps1 does not run against the emulator, each with the reason, and the examples that
# show an error on purpose (they must write at least one). Keys are '<cmdlet>/<example title>'.
@{
    NotRunnable = @{
    }
    ShowsErrors = @(
    )
}
