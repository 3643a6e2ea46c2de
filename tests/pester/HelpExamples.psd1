# The help examples that Help.Tests.ps1 does not run against the emulator, each with the reason, and the examples that
# show an error on purpose (they must write at least one). Keys are '<cmdlet>/<example title>'.
@{
    NotRunnable = @{
        'Connect-Renderbus/Example 2: Connect overseas from environment variables' = 'needs the real overseas domain jop.foxrenderfarm.com'
        'Get-RbRaySyncKey/Example 2: Hand the key to a transfer tool'             = 'needs raysync-cli, which is not installed here'
        'Get-RbRaySyncKey/Example 3: Store the key in a vault'                    = 'needs SecretManagement (Set-Secret) and a registered vault'
        'Start-RbEmulator/Example 3: Let the official Python SDK use the emulator' = 'needs python with the rayvision_api package'
        'Start-RbTask/Example 2: Resume with confirmation per task'               = 'prompts because of its explicit -Confirm'
        # the ops kit: connection checks and secrets
        'Connect-Renderbus/Example 5: Connect with a credential kept in SecretManagement' = 'needs SecretManagement (Get-Secret) and a registered vault'
        'Connect-Renderbus/Example 6: Windows: a credential file only you on this machine can read' = 'needs a file Export-Clixml encrypted with Windows DPAPI'
        'Test-RbConnection/Example 4: Check a credential before connecting'      = 'needs the real overseas domain jop.foxrenderfarm.com'
    }
    ShowsErrors = @(
    )
}
