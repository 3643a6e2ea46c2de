#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# A session on API 2.0 (the account name and access key in every request's body) lists the same tasks as a REST
# session on the same emulator; the key never shows, and what API 2.0 cannot do is refused before anything is sent.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 31 -TaskCount 250 -Speed 0 -Confirm:$false
    $script:key = [System.Net.NetworkCredential]::new('', $script:emulator.AccessKey).Password
    $script:rest = Connect-Renderbus -Emulator $script:emulator -PassThru
    $script:api2 = Connect-Renderbus -Emulator $script:emulator -Protocol Api2 -PassThru
}

AfterAll {
    Disconnect-Renderbus -Session $script:rest -Confirm:$false
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-Renderbus -Protocol Api2' {
    It 'proves the account with query_customer and says its protocol' {
        $script:api2.Protocol | Should -Be 'Api2'
        $script:api2.UserName | Should -Be $script:emulator.Account
        (Get-RbSession).Protocol | Should -Be 'Api2'
        $script:rest.Protocol | Should -Be 'Rest'
        (Get-RbSession | Out-String) | Should -Match 'Protocol\s*:\s*Api2'
    }

    It 'posts to /api/v1/task when told to' {
        $script:emulator.ClearRequests()
        $v1 = Connect-Renderbus -Emulator $script:emulator -Protocol Api2 -Api2Path /api/v1/task -PassThru
        try {
            $v1.Api2Path | Should -Be '/api/v1/task'
            @($script:emulator.Requests | Where-Object Path -eq '/api/v1/task').Count | Should -Be 1
        }
        finally {
            Disconnect-Renderbus -Session $v1 -Confirm:$false
        }
        Connect-Renderbus -Emulator $script:emulator -Protocol Api2
    }

    It 'connects from RENDERBUS_API2_ACCOUNT and RENDERBUS_API2_KEY' {
        $env:RENDERBUS_API2_ACCOUNT = $script:emulator.Account
        $env:RENDERBUS_API2_KEY = $script:key
        try {
            $s = Connect-Renderbus -Domain $script:emulator.Domain -Protocol Api2 -PassThru
            $s.UserName | Should -Be $script:emulator.Account
            Disconnect-Renderbus -Session $s -Confirm:$false
        }
        finally {
            Remove-Item Env:\RENDERBUS_API2_ACCOUNT, Env:\RENDERBUS_API2_KEY -ErrorAction SilentlyContinue
        }
        Connect-Renderbus -Emulator $script:emulator -Protocol Api2
    }

    It 'fails with Rb.AccessKeyRefused on a wrong key and never shows the key' {
        $wrong = ConvertTo-SecureString ($script:key.Substring(1) + 'x') -AsPlainText -Force
        $before = Get-RbSession
        $err = { Connect-Renderbus -Domain $script:emulator.Domain -Protocol Api2 -Account $script:emulator.Account `
                -AccessKey $wrong -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.AccessKeyRefused*' -PassThru
        Get-RbSession | Should -Be $before
        $text = ($err | Out-String) + ($script:api2 | Format-List * | Out-String) +
            ($script:api2 | ConvertTo-Json -Depth 2)
        $text | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
    }
}

Describe 'Get-RbTask on an API 2.0 session' {
    It 'lists the same tasks as the REST session, every page' {
        $script:emulator.ClearRequests()
        $viaApi2 = @(Get-RbTask -PageSize 30)
        $viaRest = @(Get-RbTask -Session $script:rest)
        $viaApi2.Count | Should -Be $viaRest.Count
        ($viaApi2.Id -join ',') | Should -Be ($viaRest.Id -join ',')
        @($script:emulator.Requests | Where-Object Operation -eq 'query_task').Count |
            Should -Be ([math]::Ceiling($viaRest.Count / 30))
        $viaApi2[0].GetType().Name | Should -Be 'RbTask'
    }

    It 'filters by status as REST does' {
        $rendering = @(Get-RbTask -Status Rendering, Waiting -Session $script:rest)
        $rendering.Count | Should -BeGreaterThan 0
        $failed = @(Get-RbTask -Status Failed -Session $script:rest)
        (@(Get-RbTask -Status Failed).Id -join ',') | Should -Be ($failed.Id -join ',')
        @(Get-RbTask -Status Rendering, Waiting) | ForEach-Object { $_.Status | Should -BeIn 'Rendering', 'Waiting' }
    }

    It 'keeps the key out of -Debug, -Verbose and the request log' {
        $DebugPreference = 'Continue'
        $out = Get-RbTask -First 3 -Verbose 5>&1 4>&1 | Out-String
        $DebugPreference = 'SilentlyContinue'
        $out | Should -Match 'query_task'
        $out | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
        ($script:emulator.Requests | Out-String) | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
    }

    It 'refuses a REST-only cmdlet with Rb.NotInProtocol, sending nothing' {
        $script:emulator.ClearRequests()
        $err = $null
        Get-RbPlatform -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        $script:emulator.Requests.Count | Should -Be 0
    }
}

Describe 'Get-RbTask -Id and Wait-RbTask on an API 2.0 session' {
    It 'looks piped ids up with query_task: the same tasks as REST, one error for an unknown id' {
        $some = @(Get-RbTask -First 6 -Session $script:rest)
        $script:emulator.ClearRequests()
        $err = $null
        $found = @(@($some.Id) + 987654321 | Get-RbTask -ErrorVariable err -ErrorAction SilentlyContinue)
        ($found.Id -join ',') | Should -Be ($some.Id -join ',')
        $found[0].GetType().Name | Should -Be 'RbTask'
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TaskNotFound*'
        $err[0].TargetObject | Should -Be 987654321
        @($script:emulator.Requests | Where-Object Operation -ne 'query_task').Count | Should -Be 0
    }

    It 'writes Rb.WaitTimeout for a task still going, and refuses -CostLimit sending nothing' {
        $one = @(Get-RbTask -Status Waiting -First 1 -Session $script:rest)
        $one.Count | Should -Be 1
        $err = $null
        Wait-RbTask -Id $one[0].Id -Timeout 1 -PollInterval 0.5 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.WaitTimeout*'
        $script:emulator.ClearRequests()
        { Wait-RbTask -Id $one[0].Id -CostLimit 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'Rb.NotInProtocol*'
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'Get-RbTask | Wait-RbTask -PassThru waits until the tasks have ended, polling with query_task' {
        $busy = @(Get-RbTask -Status Rendering -First 4)
        $busy.Count | Should -BeGreaterThan 0
        # stopped on REST (the clock stays put: later tests need tasks still rendering); API 2.0 reads User_Stop
        $null = $busy | Stop-RbTask -Session $script:rest -Confirm:$false
        $script:emulator.ClearRequests()
        $ended = @($busy | Wait-RbTask -PassThru -PollInterval 1 -Timeout 60)
        ($ended.Id | Sort-Object) -join ',' | Should -Be (($busy.Id | Sort-Object) -join ',')
        $ended | ForEach-Object { $_.Status | Should -Not -BeIn 'Rendering', 'Waiting' }
        @($script:emulator.Requests | Where-Object Operation -ne 'query_task').Count | Should -Be 0
    }
}

Describe 'Get-RbFrame on an API 2.0 session' {
    It 'Get-RbTask | Get-RbFrame lists the same frames as REST, from query_task' {
        $task = @(Get-RbTask -Session $script:rest | Where-Object { $_.TotalFrames -gt 3 -and $_.DoneFrames -gt 0 })[0]
        $viaRest = @(Get-RbFrame -TaskId $task.Id -Session $script:rest)
        $script:emulator.ClearRequests()
        $viaApi2 = @(Get-RbTask -Id $task.Id | Get-RbFrame)
        ($viaApi2.FrameId -join ',') | Should -Be ($viaRest.FrameId -join ',')
        ($viaApi2.FrameIndex -join ',') | Should -Be ($viaRest.FrameIndex -join ',')
        $viaApi2[0].GetType().Name | Should -Be 'RbFrame'
        @(Get-RbFrame -TaskId $task.Id -Status Finished).Count |
            Should -Be @($viaRest | Where-Object Status -eq 'Finished').Count
        (@(Get-RbFrame -TaskId $task.Id -Skip 1 -First 2).FrameId -join ',') |
            Should -Be (@($viaRest | Select-Object -Skip 1 -First 2).FrameId -join ',')
        $viaApi2[1] | Get-RbFrame | ForEach-Object { $_.FrameId | Should -Be $viaApi2[1].FrameId }
        @($script:emulator.Requests | Where-Object Operation -ne 'query_task').Count | Should -Be 0
    }

    It 'Get-RbFrame | Get-RbFrameLog writes the same lines as REST; a frame without its task gets Rb.TaskIdRequired' {
        $task = @(Get-RbTask -Session $script:rest | Where-Object { $_.DoneFrames -gt 0 })[0]
        $frame = @(Get-RbFrame -TaskId $task.Id -Status Finished -First 1)[0]
        $viaRest = @(Get-RbFrameLog -FrameId $frame.FrameId -Session $script:rest)
        $script:emulator.ClearRequests()
        $lines = @($frame | Get-RbFrameLog)
        $lines.Count | Should -BeGreaterThan 0
        ($lines -join "`n") | Should -Be ($viaRest -join "`n")
        $lines[0].FrameId | Should -Be $frame.FrameId
        (@($frame | Get-RbFrameLog -Tail 2) -join "`n") | Should -Be (@($viaRest | Select-Object -Last 2) -join "`n")
        @($script:emulator.Requests | Where-Object Operation -ne 'query_task').Count | Should -Be 0
        $script:emulator.ClearRequests()
        $err = $null
        Get-RbFrameLog -FrameId $frame.FrameId -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TaskIdRequired*'
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'writes Rb.TaskNotFound for a task the account does not have' {
        $err = $null
        Get-RbFrame -TaskId 987654321 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TaskNotFound*'
    }
}

Describe 'Get-RbUser on an API 2.0 session' {
    It 'reads the account with query_customer: the same RbUser as REST, the key nowhere' {
        $viaRest = Get-RbUser -Session $script:rest
        $script:emulator.ClearRequests()
        $user = Get-RbUser
        $user.GetType().Name | Should -Be 'RbUser'
        $user.UserName | Should -Be $script:emulator.Account
        $user.UserId | Should -Be $viaRest.UserId
        $user.Balance | Should -Be $viaRest.Balance
        @($script:emulator.Requests).Operation | Should -Be 'query_customer'
        ($user | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
    }
}

Describe 'Task actions on an API 2.0 session' {
    It 'Get-RbTask -Status Rendering, Waiting | Stop-RbTask leaves none running, as seen on REST' {
        $before = @(Get-RbTask -Status Rendering, Waiting -Session $script:rest)
        $before.Count | Should -BeGreaterThan 0
        $updating = @(Get-RbTask -Status Updating -Session $script:rest).Id
        $script:emulator.ClearRequests()
        $err = $null
        Get-RbTask -Status Rendering, Waiting |
            Stop-RbTask -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        # a task the farm is updating reads Start on API 2.0 too, but cannot be stopped: it gets an error of its own
        @($err).Count | Should -Be $updating.Count
        foreach ($e in $err) {
            $e.FullyQualifiedErrorId | Should -BeLike 'Rb.Fail*'
            $e.TargetObject | Should -BeIn $updating
        }
        @(Get-RbTask -Status Rendering, Waiting -Session $script:rest).Count | Should -Be 0
        @($script:emulator.Requests | Where-Object Operation -eq 'operate_task').Count | Should -BeGreaterThan 0
        @($script:emulator.Requests | Where-Object Operation -eq 'stopTask').Count | Should -Be 0
        $stopped = @(Get-RbTask -Id $before.Id -Session $script:rest)
        $stopped | ForEach-Object { $_.Status | Should -Be 'Stopped' }
    }

    It 'writes one error per task it cannot act on and passes none of them through' {
        $done = @(Get-RbTask -Status Finished -First 2 -Session $script:rest)
        $err = $null
        $out = @($done.Id | Stop-RbTask -Confirm:$false -PassThru -ErrorVariable err -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($err).Count | Should -Be 2
        $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.Fail*' }
    }

    It 'refuses -Abandon with Rb.NotInProtocol per task, sending nothing' {
        $one = @(Get-RbTask -Status Stopped -First 1 -Session $script:rest)
        $script:emulator.ClearRequests()
        $err = $null
        Stop-RbTask -Id $one[0].Id -Abandon -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'Remove-RbTask deletes stopped tasks into the recycle bin' {
        $ids = @(Get-RbTask -Status Stopped -First 3 -Session $script:rest).Id
        $gone = @(Remove-RbTask -Id $ids -Confirm:$false -PassThru)
        $gone.Count | Should -Be 3
        $bin = @(Get-RbTask -Deleted).Id
        $ids | ForEach-Object { $bin | Should -Contain $_ }
    }
}
