#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# The account on API 2.0 as a user drives it: Get-RbUser with the sub-accounts (query_customer), Set-RbNotification
# (update_customer) and Invoke-RbApi -Action; on a REST session each is refused before anything is sent, and the
# access key shows in no stream.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 41 -TaskCount 60 -Speed 0 -Confirm:$false
    $script:emulator.AddSubAccount('lighting_lead')
    $script:key = [System.Net.NetworkCredential]::new('', $script:emulator.AccessKey).Password
    $script:rest = Connect-Renderbus -Emulator $script:emulator -PassThru
    $script:api2 = Connect-Renderbus -Emulator $script:emulator -Protocol Api2 -PassThru
    $script:account = $script:emulator.Account

    # the errors a call writes (its output is dropped), whatever the caller's error preference (build.ps1: Stop)
    function Get-Errors {
        param([scriptblock] $Script)
        $ErrorActionPreference = 'Continue'
        , @(& $Script 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
}

AfterAll {
    Disconnect-Renderbus -Session $script:rest -Confirm:$false
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Get-RbUser on an API 2.0 session' {
    It 'reads the own account as the REST session does' {
        $viaApi2 = Get-RbUser
        $viaRest = Get-RbUser -Session $script:rest
        $viaApi2.GetType().Name | Should -Be 'RbUser'
        $viaApi2.UserName | Should -Be $script:account
        $viaApi2.UserId | Should -Be $viaRest.UserId
        $viaApi2.Balance | Should -Be $viaRest.Balance
    }

    It 'lists the main account and every sub-account with -All, in one request' {
        $script:emulator.ClearRequests()
        $users = @(Get-RbUser -All)
        $users.UserName | Should -Be (@($script:account) + $script:emulator.SubAccounts)
        $users.UserName | Should -Contain 'lighting_lead'
        @($users | Where-Object AccountType -eq 1).UserName | Should -Be $script:account
        @($users | Where-Object AccountType -eq 2).Count | Should -Be 3
        $users[0].Extra['usd_balance'] | Should -BeOfType [decimal]
        $users[0].Extra.ContainsKey('register_date') | Should -BeTrue
        @($script:emulator.Requests).Count | Should -Be 1
        @($script:emulator.Requests)[0].Operation | Should -Be 'query_customer'
    }

    It 'picks users by name with wildcards, and names a plain name that matches none' {
        $err = $null
        $found = @(Get-RbUser -Name '*_artist*', 'LIGHTING_LEAD', 'nobody' -ErrorVariable err `
                -ErrorAction SilentlyContinue)
        $found.UserName | Should -Be @("$($script:account)_artist1", "$($script:account)_artist2", 'lighting_lead')
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.UserNotFound*'
        $err[0].TargetObject | Should -Be 'nobody'
    }

    It 'refuses -All and -Name on a REST session with Rb.NotInProtocol, sending nothing' {
        $script:emulator.ClearRequests()
        foreach ($call in { Get-RbUser -All -Session $script:rest }, { Get-RbUser -Name x* -Session $script:rest }) {
            $err = Get-Errors $call
            @($err).Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
            $err[0].Exception.Message | Should -Match 'API 2.0'
        }
        @($script:emulator.Requests).Count | Should -Be 0
    }
}

Describe 'Set-RbNotification' {
    It 'sets the account''s notification, writes the user with -PassThru only, and the emulator keeps it' {
        Set-RbNotification -Event TaskDone -Mode Url -Address https://hooks.example.com/rb | Should -BeNullOrEmpty
        $script:emulator.GetNotification($script:account).Mode | Should -Be 'Url'
        $set = Set-RbNotification TaskFailed Email ops@example.com -PassThru
        $set.GetType().Name | Should -Be 'RbUser'
        $set.UserName | Should -Be $script:account
        $set.Extra['notification_address'] | Should -Be 'ops@example.com'
        $kept = $script:emulator.GetNotification($script:account)
        "$($kept.Event) $($kept.Mode) $($kept.Address)" | Should -Be 'TaskFailed Email ops@example.com'
    }

    It 'sets each sub-account piped from Get-RbUser -All' {
        Get-RbUser -All | Where-Object AccountType -eq 2 |
            Set-RbNotification -Event TaskStart -Mode Sms -Address +8613800000000
        foreach ($sub in $script:emulator.SubAccounts) {
            $script:emulator.GetNotification($sub).Event | Should -Be 'TaskStart'
        }
        $script:emulator.GetNotification($script:account).Event | Should -Be 'TaskFailed'
    }

    It 'sends nothing with -WhatIf, and its ShouldProcess text states the effect' {
        $before = $script:emulator.RequestCount
        Set-RbNotification -Event None -UserName lighting_lead -WhatIf
        Set-RbNotification TaskDone Url https://x.example.com/cb -WhatIf
        $script:emulator.RequestCount | Should -Be $before
        $script:emulator.GetNotification('lighting_lead').Event | Should -Be 'TaskStart'
        $script:emulator.GetNotification($script:account).Event | Should -Be 'TaskFailed'
        # -Verbose shows the same text ShouldProcess asks -WhatIf and -Confirm with
        $said = Set-RbNotification -Event None -UserName lighting_lead -Verbose -Confirm:$false 4>&1 | Out-String
        $said | Should -Match 'Turn off task-event notifications'
        $said | Should -Match 'user lighting_lead'
        $said = Set-RbNotification TaskDone Url https://x.example.com/cb -Verbose -Confirm:$false 4>&1 | Out-String
        $said | Should -Match 'a task finishes: call https://x.example.com/cb'
        $script:emulator.GetNotification('lighting_lead').Event | Should -Be 'None'
    }

    It 'refuses an address that does not fit -Mode, with a stable id, before sending' {
        (Get-Command Set-RbNotification).Parameters['Event'].Attributes.ValidValues |
            Should -Be @('None', 'TaskStart', 'TaskDone', 'TaskFailed')
        $script:emulator.ClearRequests()
        $cases = @(
            @{ Mode = 'Url'; Address = 'hooks.example.com' }, @{ Mode = 'Email'; Address = 'ops.example.com' },
            @{ Mode = 'Sms'; Address = 'call me' }, @{ Mode = 'Url'; Address = 'https://x/' + ('a' * 260) }
        )
        foreach ($case in $cases) {
            $err = Get-Errors { Set-RbNotification -Event TaskDone -Mode $case.Mode -Address $case.Address }
            $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidNotificationAddress*'
            $err[0].ErrorDetails.RecommendedAction | Should -Match '-Mode'
        }
        $err = Get-Errors { Set-RbNotification -Event TaskDone }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidNotification,*'
        $err = Get-Errors { Set-RbNotification -Event None -Mode Email -Address a@example.com }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidNotification,*'
        @($script:emulator.Requests).Count | Should -Be 0
    }

    It 'reports a user the account does not have as Rb.UserNotFound' {
        $err = Get-Errors { Set-RbNotification -Event TaskDone -Mode Email -Address a@example.com -UserName ghost }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.UserNotFound*'
        $err[0].TargetObject | Should -Be 'ghost'
    }

    It 'sets it once through a 503, a dropped connection, an HTML page and a lost answer' {
        $kinds = @{ HttpStatus = 503 }, @{ After = 1; Reset = $true }, @{ After = 2; Garble = $true },
            @{ After = 3; LoseAnswer = $true }
        foreach ($kind in $kinds) {
            $kind.Operation = 'update_customer'
            $null = $script:emulator.Faults.Add((New-Object RenderbusPS.Emulator.Faults.RbFault -Property $kind))
        }
        $script:emulator.ClearRequests()
        Set-RbNotification -Event TaskDone -Mode Email -Address night@example.com
        @($script:emulator.Requests | Where-Object Operation -eq 'update_customer').Count | Should -Be 5
        @($script:emulator.Requests).Count | Should -Be 5
        $script:emulator.GetNotification($script:account).Address | Should -Be 'night@example.com'
    }

    It 'is refused on a REST session with Rb.NotInProtocol, sending nothing' {
        $script:emulator.ClearRequests()
        $err = Get-Errors {
            Set-RbNotification -Event TaskDone -Mode Email -Address a@example.com -Session $script:rest
        }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        @($script:emulator.Requests).Count | Should -Be 0
    }
}

Describe 'Invoke-RbApi -Action' {
    It 'posts a read and writes the answer''s body, even with -WhatIf' {
        $script:emulator.ClearRequests()
        $body = Invoke-RbApi -Action query_task -Body @{ is_paging = '1'; page_no = '1'; page_size = '7' } -WhatIf
        @($body.data).Count | Should -Be 7
        $body.data[0].task_id | Should -Not -BeNullOrEmpty
        @($script:emulator.Requests).Count | Should -Be 1
        @($script:emulator.Requests)[0].Path | Should -Be '/api/v2/task/'
    }

    It 'sends a change only without -WhatIf, and both protocols see it' {
        $task = Get-RbTask -Status Rendering -First 1 -Session $script:rest
        $before = $script:emulator.RequestCount
        Invoke-RbApi -Action operate_task -Body @{ task_id = "$($task.Id)"; operate_order = '0' } -WhatIf
        $script:emulator.RequestCount | Should -Be $before
        (Get-RbTask -Id $task.Id -Session $script:rest).Status | Should -Be 'Rendering'
        $stop = @{ task_id = "$($task.Id)"; operate_order = '0' }
        $answer = Invoke-RbApi -Action operate_task -Body $stop -Confirm:$false
        $answer.data[0].operate_result | Should -Be '0'
        (Get-RbTask -Id $task.Id -Session $script:rest).Status | Should -Not -Be 'Rendering'
        (Get-RbTask -Id $task.Id).Status | Should -Be (Get-RbTask -Id $task.Id -Session $script:rest).Status
    }

    It 'refuses an unknown action, -Action on REST and -Path on API 2.0 before sending' {
        $script:emulator.ClearRequests()
        $err = Get-Errors { Invoke-RbApi -Action query_tasks }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.UnknownApiAction*'
        $err[0].Exception.Message | Should -Match 'query_task, operate_task'
        $err = Get-Errors { Invoke-RbApi -Action query_task -Session $script:rest }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        $err = Get-Errors { Invoke-RbApi -Path /api/render/handle/queryAllFrameStats }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match '-Action'
        @($script:emulator.Requests).Count | Should -Be 0
    }

    It 'reports the service''s refusal by its code' {
        $err = Get-Errors { Invoke-RbApi -Action operate_task -Body @{ task_id = '' } -Confirm:$false }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.FieldEmpty*'
    }

    It 'completes the 14 action names' {
        $line = 'Invoke-RbApi -Action query_'
        $names = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $names | Should -Be @('query_task', 'query_project', 'query_plugin', 'query_customer')
        $line = 'Invoke-RbApi -Action '
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches).Count | Should -Be 14
    }

    It 'keeps the key out of the output, -WhatIf, -Verbose, -Debug, errors and the request log' {
        $DebugPreference = 'Continue'
        try {
            $records = & {
                Invoke-RbApi -Action query_customer -Body @{ login_name = $script:account } -Verbose
                Invoke-RbApi -Action update_customer -Body @{ notification_type = '0' } -WhatIf -Verbose
                Invoke-RbApi -Action operate_task -Body @{ task_id = 'x' } -Confirm:$false -Verbose `
                    -ErrorAction Continue
                Get-RbUser -All -Verbose
                Set-RbNotification -Event None -PassThru -Verbose -Confirm:$false
            } *>&1
        }
        finally { $DebugPreference = 'SilentlyContinue' }
        $text = ($records | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) {
                    $_.ToString(); $_.Exception.Message; $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction
                } else { $_ | Format-List * -Force | Out-String; $_ | ConvertTo-Json -Depth 5 -WarningAction Ignore }
            }) -join "`n"
        # Core's trace lines (each request's action, code and time) come out as verbose records
        $traced = @($records | Where-Object {
                $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match 'query_customer' })
        $traced.Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        $text | Should -Match 'query_customer'
        $text | Should -Not -Match ([regex]::Escape($script:key))
        ($script:emulator.Requests | Out-String) | Should -Not -Match ([regex]::Escape($script:key))
    }
}
