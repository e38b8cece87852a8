<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Ud::Accounts::Account</name>
    <message>
        <source>Prepaid</source>
        <translation>预付费</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待开通</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::AccountService</name>
    <message>
        <source>There is no market %1: choose one of the markets UtilityDesk knows.</source>
        <translation>不存在市场 %1：请选择 UtilityDesk 支持的市场之一。</translation>
    </message>
    <message>
        <source>VAT date is not a valid date.</source>
        <translation>增值税日期不是有效日期。</translation>
    </message>
    <message>
        <source>Market %1 has no VAT rate on %2.</source>
        <translation>市场 %1 在 %2 没有增值税税率。</translation>
    </message>
    <message>
        <source>Address line 1 is required: enter the street and house number.</source>
        <translation>地址第 1 行为必填项：请输入街道和门牌号。</translation>
    </message>
    <message>
        <source>Address line 1 must be at most 200 characters.</source>
        <translation>地址第 1 行最多 200 个字符。</translation>
    </message>
    <message>
        <source>Address line 2 must be at most 200 characters.</source>
        <translation>地址第 2 行最多 200 个字符。</translation>
    </message>
    <message>
        <source>City must be at most 100 characters.</source>
        <translation>城市最多 100 个字符。</translation>
    </message>
    <message>
        <source>Postcode must be at most 20 characters.</source>
        <translation>邮政编码最多 20 个字符。</translation>
    </message>
    <message>
        <source>Region must be at most 100 characters.</source>
        <translation>地区最多 100 个字符。</translation>
    </message>
    <message>
        <source>Country &quot;%1&quot; is not a country code: enter the two-letter ISO code, for example GB, DE or CN.</source>
        <translation>国家“%1”不是国家代码：请输入两个字母的 ISO 代码，例如 GB、DE 或 CN。</translation>
    </message>
    <message>
        <source>Time zone &quot;%1&quot; is not known: enter an IANA time zone such as Europe/London or Asia/Shanghai.</source>
        <translation>未知时区“%1”：请输入 IANA 时区，例如 Europe/London 或 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Substation, feeder and transformer must be at most 64 characters each.</source>
        <translation>变电站、馈线和变压器各最多 64 个字符。</translation>
    </message>
    <message>
        <source>Coordinates need both latitude and longitude, or neither.</source>
        <translation>坐标须同时填写纬度和经度，或都不填写。</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90 degrees.</source>
        <translation>纬度必须在 -90 到 90 度之间。</translation>
    </message>
    <message>
        <source>Longitude must be between -180 and 180 degrees.</source>
        <translation>经度必须在 -180 到 180 度之间。</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>该场所不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Opening date must lie between 1970-01-01 and one year from today.</source>
        <translation>开户日期必须介于 1970-01-01 和今天起一年后之间。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Market &quot;%1&quot; is not known: choose one of the markets UtilityDesk knows, such as GB, DE or CN.</source>
        <translation>未知市场“%1”：请选择 UtilityDesk 支持的市场，例如 GB、DE 或 CN。</translation>
    </message>
    <message>
        <source>Market %1 serves %2, but the premise is in %3: choose the market of the premise&apos;s country.</source>
        <translation>市场 %1 服务于 %2，但该场所位于 %3：请选择场所所在国家的市场。</translation>
    </message>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>该账户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Closing date must not be before the account was opened (%1).</source>
        <translation>销户日期不能早于账户的开户日期（%1）。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::AccountsSettings</name>
    <message>
        <source>Site prefix must be one to six capital letters A-Z, for example UD.</source>
        <translation>站点前缀必须为 1 到 6 个大写字母 A-Z，例如 UD。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Appliance</name>
    <message>
        <source>Solar PV</source>
        <translation>光伏发电</translation>
    </message>
    <message>
        <source>Home battery</source>
        <translation>家用储能电池</translation>
    </message>
    <message>
        <source>EV charger</source>
        <translation>电动汽车充电桩</translation>
    </message>
    <message>
        <source>Heat pump</source>
        <translation>热泵</translation>
    </message>
    <message>
        <source>Agricultural pump</source>
        <translation>农用水泵</translation>
    </message>
    <message>
        <source>Gas boiler</source>
        <translation>燃气锅炉</translation>
    </message>
    <message>
        <source>Electric heating</source>
        <translation>电采暖</translation>
    </message>
    <message>
        <source>Air conditioning</source>
        <translation>空调</translation>
    </message>
    <message>
        <source>Pool pump</source>
        <translation>泳池水泵</translation>
    </message>
    <message>
        <source>Water heater</source>
        <translation>热水器</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ApplianceService</name>
    <message>
        <source>Capacity must be between 1 W and 50,000,000 W, or left empty when unknown.</source>
        <translation>容量必须在 1 W 到 50,000,000 W 之间；未知时请留空。</translation>
    </message>
    <message>
        <source>Installation date must lie between 1900-01-01 and today, or be left empty.</source>
        <translation>安装日期必须在 1900-01-01 到今天之间，或留空。</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>该场所不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>The appliance does not exist (any more); it may have been removed.</source>
        <translation>该设备不存在（或已不存在），可能已被删除。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Customer</name>
    <message>
        <source>Residential</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>商业</translation>
    </message>
    <message>
        <source>Industrial</source>
        <translation>工业</translation>
    </message>
    <message>
        <source>Agricultural</source>
        <translation>农业</translation>
    </message>
    <message>
        <source>Life support</source>
        <translation>生命支持设备</translation>
    </message>
    <message>
        <source>Elderly, living alone</source>
        <translation>独居老人</translation>
    </message>
    <message>
        <source>Medical equipment</source>
        <translation>医疗设备</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>残障</translation>
    </message>
    <message>
        <source>Young children</source>
        <translation>有幼儿</translation>
    </message>
    <message>
        <source>Financial hardship</source>
        <translation>经济困难</translation>
    </message>
    <message>
        <source>Language support</source>
        <translation>需要语言协助</translation>
    </message>
    <message>
        <source>Low income</source>
        <translation>低收入</translation>
    </message>
    <message>
        <source>Lower-middle income</source>
        <translation>中低收入</translation>
    </message>
    <message>
        <source>Middle income</source>
        <translation>中等收入</translation>
    </message>
    <message>
        <source>Upper-middle income</source>
        <translation>中高收入</translation>
    </message>
    <message>
        <source>High income</source>
        <translation>高收入</translation>
    </message>
    <message>
        <source>Excellent credit</source>
        <translation>信用优秀</translation>
    </message>
    <message>
        <source>Good credit</source>
        <translation>信用良好</translation>
    </message>
    <message>
        <source>Fair credit</source>
        <translation>信用一般</translation>
    </message>
    <message>
        <source>Poor credit</source>
        <translation>信用较差</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerDetailPanel</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the customer details (Esc)</source>
        <translation>关闭客户详情 (Esc)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人数</translation>
    </message>
    <message>
        <source>Income band</source>
        <translation>收入等级</translation>
    </message>
    <message>
        <source>Credit band</source>
        <translation>信用等级</translation>
    </message>
    <message>
        <source>Business type</source>
        <translation>行业类型</translation>
    </message>
    <message>
        <source>None on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>%1 (hidden: you may not view sensitive data)</source>
        <translation>%1（已隐藏：您无权查看敏感数据）</translation>
    </message>
    <message>
        <source>National id</source>
        <translation>身份证件号码</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账户</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>特殊关怀需求</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>无记录。</translation>
    </message>
    <message>
        <source>%1: consent given on %2</source>
        <translation>%1：已于 %2 取得同意</translation>
    </message>
    <message>
        <source>%1: no consent recorded</source>
        <translation>%1：未记录同意</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>No accounts.</source>
        <translation>无账户。</translation>
    </message>
    <message>
        <source>%1 — %2 market (%3), %4, %5, opened %6</source>
        <translation>%1 — %2 市场（%3），%4，%5，开户于 %6</translation>
    </message>
    <message>
        <source>Premises</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>No premises.</source>
        <translation>无场所。</translation>
    </message>
    <message>
        <source>%1 (%2, time zone %3)</source>
        <translation>%1（%2，时区 %3）</translation>
    </message>
    <message>
        <source>substation %1, feeder %2, transformer %3</source>
        <translation>变电站 %1，馈线 %2，变压器 %3</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>计量表</translation>
    </message>
    <message>
        <source>No meters.</source>
        <translation>无计量表。</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2, every %n minutes, channels: %3, installed %4</source>
        <translation>
            <numerusform>%1 — %2，每 %n 分钟，通道：%3，安装于 %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Appliances</source>
        <translation>用能设备</translation>
    </message>
    <message>
        <source>No appliances recorded.</source>
        <translation>无设备记录。</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>installed %1</source>
        <translation>安装于 %1</translation>
    </message>
    <message>
        <source>Last contacts</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>No contacts logged.</source>
        <translation>无联系记录。</translation>
    </message>
    <message>
        <source>%1 — %2 %3: %4 (by %5)</source>
        <translation>%1 — %2%3：%4（经办人：%5）</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Could not load the customer: %1</source>
        <translation>无法加载客户：%1</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerListModel</name>
    <message>
        <source>Customer number</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerService</name>
    <message>
        <source>Full name is required: enter the customer&apos;s name as they write it.</source>
        <translation>全名为必填项：请按客户本人的写法输入姓名。</translation>
    </message>
    <message>
        <source>Full name must be at most 200 characters.</source>
        <translation>全名最多 200 个字符。</translation>
    </message>
    <message>
        <source>Given name must be at most 100 characters.</source>
        <translation>名最多 100 个字符。</translation>
    </message>
    <message>
        <source>Family name must be at most 100 characters.</source>
        <translation>姓最多 100 个字符。</translation>
    </message>
    <message>
        <source>Customer number may only contain letters, digits and dashes, at most 32 of them.</source>
        <translation>客户编号只能包含字母、数字和连字符，最多 32 个。</translation>
    </message>
    <message>
        <source>Language must be a language code such as en, zh_CN or es.</source>
        <translation>语言必须是语言代码，例如 en、zh_CN 或 es。</translation>
    </message>
    <message>
        <source>Email &quot;%1&quot; is not an address: enter it like name@example.com.</source>
        <translation>电子邮件“%1”不是有效地址：请按 name@example.com 的格式输入。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; has no country code: enter it with one, for example +44 20 7946 0958.</source>
        <translation>电话号码“%1”没有国家代码：请带国家代码输入，例如 +44 20 7946 0958。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number: check the digits and the country code.</source>
        <translation>电话号码“%1”无效：请检查数字和国家代码。</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number in %2: check the digits, or enter it with its country code.</source>
        <translation>电话号码“%1”在 %2 不是有效号码：请检查数字，或带国家代码输入。</translation>
    </message>
    <message>
        <source>Income band must be one of: %1.</source>
        <translation>收入等级必须是以下之一：%1。</translation>
    </message>
    <message>
        <source>Credit band must be one of: %1.</source>
        <translation>信用等级必须是以下之一：%1。</translation>
    </message>
    <message>
        <source>Business type must be at most 100 characters.</source>
        <translation>行业类型最多 100 个字符。</translation>
    </message>
    <message>
        <source>Household size must be between 1 and 20.</source>
        <translation>家庭人数必须在 1 到 20 之间。</translation>
    </message>
    <message>
        <source>Date of birth must be a date between 1900-01-01 and today.</source>
        <translation>出生日期必须是 1900-01-01 到今天之间的日期。</translation>
    </message>
    <message>
        <source>National id must be 4 to 40 letters and digits; spaces, dots, slashes and dashes may separate them.</source>
        <translation>身份证件号码必须由 4 到 40 个字母和数字组成，可用空格、点、斜杠和连字符分隔。</translation>
    </message>
    <message>
        <source>Bank account must be 6 to 42 letters and digits, for example an IBAN such as GB33 BUKB 2020 1555 5555 55.</source>
        <translation>银行账户必须由 6 到 42 个字母和数字组成，例如 IBAN：GB33 BUKB 2020 1555 5555 55。</translation>
    </message>
    <message>
        <source>Vulnerability notes must be at most 2000 characters.</source>
        <translation>特殊关怀备注最多 2000 个字符。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Customer number %1 is already taken: leave it empty to get the next free number.</source>
        <translation>客户编号 %1 已被占用：留空即可获得下一个可用编号。</translation>
    </message>
    <message>
        <source>Customer %1 was changed by someone else after you opened it: open it again and repeat your change.</source>
        <translation>客户 %1 在您打开后已被他人修改：请重新打开并再次进行修改。</translation>
    </message>
    <message>
        <source>Customer number %1 is already taken.</source>
        <translation>客户编号 %1 已被占用。</translation>
    </message>
    <message>
        <source>Customer %1 still has accounts: close and remove their accounts before removing the customer.</source>
        <translation>客户 %1 仍有账户：请先关闭并删除其账户，再删除该客户。</translation>
    </message>
    <message>
        <source>Customer %1 has no &quot;%2&quot; flag to remove.</source>
        <translation>客户 %1 没有可移除的“%2”标记。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation>正在加载客户…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n customers</source>
        <translation>
            <numerusform>显示 %1 个，共 %n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customers</source>
        <translation>
            <numerusform>%n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选择 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>No customers yet — create demo data with “utilitydesk demo”.</source>
        <translation>还没有客户 — 可用“utilitydesk demo”创建演示数据。</translation>
    </message>
    <message>
        <source>No customer matches “%1”.</source>
        <translation>没有与“%1”匹配的客户。</translation>
    </message>
    <message>
        <source>&amp;Clear search</source>
        <translation>清除搜索(&amp;C)</translation>
    </message>
    <message>
        <source>Search by name, customer or account number, phone or postcode (Ctrl+F)</source>
        <translation>按姓名、客户编号或账户编号、电话或邮政编码搜索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Open details</source>
        <translation>打开详情(&amp;O)</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Interaction</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::InteractionService</name>
    <message>
        <source>Reason is required: say why the customer got in touch, for example &quot;Bill query&quot;.</source>
        <translation>原因为必填项：请说明客户联系的原因，例如“账单咨询”。</translation>
    </message>
    <message>
        <source>Reason must be at most 100 characters.</source>
        <translation>原因最多 100 个字符。</translation>
    </message>
    <message>
        <source>Summary must be at most 500 characters.</source>
        <translation>摘要最多 500 个字符。</translation>
    </message>
    <message>
        <source>Notes must be at most 4000 characters.</source>
        <translation>备注最多 4000 个字符。</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>该客户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Account: choose one of this customer&apos;s accounts, or none.</source>
        <translation>账户：请选择该客户的一个账户，或不选。</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Meter</name>
    <message>
        <source>Electricity</source>
        <translation>电</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>燃气</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Reactive</source>
        <translation>无功</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MeterService</name>
    <message>
        <source>Service point identifier is required: enter the supply number (MPAN, MPRN or the local equivalent).</source>
        <translation>供应点编号为必填项：请输入供应编号（MPAN、MPRN 或当地的对应编号）。</translation>
    </message>
    <message>
        <source>Service point identifier may only contain letters, digits, spaces and dashes, at most 40 of them.</source>
        <translation>供应点编号只能包含字母、数字、空格和连字符，最多 40 个。</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>该场所不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>该账户不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Account %1 is for another premise: choose an account at this premise.</source>
        <translation>账户 %1 属于另一个场所：请选择此场所的账户。</translation>
    </message>
    <message>
        <source>Service point %1 already exists.</source>
        <translation>供应点 %1 已存在。</translation>
    </message>
    <message>
        <source>Meter serial is required: enter the serial number printed on the meter.</source>
        <translation>表号为必填项：请输入计量表上印的序列号。</translation>
    </message>
    <message>
        <source>Meter serial may only contain letters, digits, slashes and dashes, at most 40 of them.</source>
        <translation>表号只能包含字母、数字、斜杠和连字符，最多 40 个。</translation>
    </message>
    <message>
        <source>Interval must be 5, 15, 30 or 60 minutes (got %1).</source>
        <translation>间隔必须为 5、15、30 或 60 分钟（当前为 %1）。</translation>
    </message>
    <message>
        <source>Channels: a meter needs at least one channel, usually import.</source>
        <translation>通道：计量表至少需要一个通道，通常为正向。</translation>
    </message>
    <message>
        <source>The service point does not exist (any more); it may have been removed.</source>
        <translation>该供应点不存在（或已不存在），可能已被删除。</translation>
    </message>
    <message>
        <source>Channels: %1 is listed twice.</source>
        <translation>通道：%1 重复列出。</translation>
    </message>
    <message>
        <source>Channels: a %1 meter cannot record %2 in %3. Electricity records import and export in Wh and reactive in varh; gas records import in Wh or L; water records import in L.</source>
        <translation>通道：%1计量表不能以 %3 记录“%2”。电计量表以 Wh 记录正向和反向、以 varh 记录无功；燃气计量表以 Wh 或 L 记录正向；水计量表以 L 记录正向。</translation>
    </message>
    <message>
        <source>Installation date must lie between 1970-01-01 and one year from today.</source>
        <translation>安装日期必须介于 1970-01-01 和今天起一年后之间。</translation>
    </message>
    <message>
        <source>A meter with serial %1 already exists.</source>
        <translation>表号为 %1 的计量表已存在。</translation>
    </message>
    <message>
        <source>The meter does not exist (any more); it may have been removed.</source>
        <translation>该计量表不存在（或已不存在），可能已被删除。</translation>
    </message>
</context>
<context>
    <name>Ud::App::Cli</name>
    <message>
        <source>Usage: utilitydesk [--database URL] [COMMAND ...]

Without a command, UtilityDesk opens its window.

Commands:
  migrate                               create or upgrade the database schema
  user add NAME --role ROLE [--display-name TEXT]
                                        create a user; the password is read from standard input
  user list                             list users
  user disable NAME | user enable NAME  stop or allow a user&apos;s sign-in
  demo [--customers N] [--meters M] [--days D] [--seed S]
                                        fill the database with realistic, repeatable demo data
  audit verify                          check that the audit log has not been altered

Options:
  --database URL   sqlite:///path/file.db or postgresql://user:password@host:port/database?sslmode=...
                   (default: the database chosen in Settings, else a file in your data folder)
  -h, --help       show this help
  -v, --version    show the version

Roles: agent, business_user, field_officer, supervisor, admin.
Exit codes: 0 success, 1 bad input, 2 usage error, 3 database error.
</source>
        <translation>用法：utilitydesk [--database URL] [COMMAND ...]

不带命令时，UtilityDesk 打开其窗口。

命令：
  migrate                               创建或升级数据库结构
  user add NAME --role ROLE [--display-name TEXT]
                                        创建用户；密码从标准输入读取
  user list                             列出用户
  user disable NAME | user enable NAME  禁止或允许用户登录
  demo [--customers N] [--meters M] [--days D] [--seed S]
                                        用逼真且可重复的演示数据填充数据库
  audit verify                          检查审计日志是否被篡改

选项：
  --database URL   sqlite:///path/file.db 或 postgresql://user:password@host:port/database?sslmode=...
                   （默认：在“设置”中选择的数据库，否则为数据文件夹中的一个文件）
  -h, --help       显示此帮助
  -v, --version    显示版本

角色：agent、business_user、field_officer、supervisor、admin。
退出代码：0 成功，1 输入有误，2 用法错误，3 数据库错误。
</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>未知选项 %1。</translation>
    </message>
    <message>
        <source>The option %1 needs a value.</source>
        <translation>选项 %1 需要一个值。</translation>
    </message>
    <message>
        <source>The option %1 does not apply to &quot;%2&quot;.</source>
        <translation>选项 %1 不适用于“%2”。</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 必须是 %2 到 %3 之间的整数，而不是“%4”。</translation>
    </message>
    <message>
        <source>&quot;migrate&quot; takes no further words.</source>
        <translation>“migrate”不接受其他参数。</translation>
    </message>
    <message numerus="yes">
        <source>%1 is at schema version %2 (%n migration(s) applied now).</source>
        <translation>
            <numerusform>%1 的结构版本为 %2（本次应用了 %n 个迁移）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Write: utilitydesk user add NAME --role ROLE (password on standard input).</source>
        <translation>用法：utilitydesk user add NAME --role ROLE（密码从标准输入提供）。</translation>
    </message>
    <message>
        <source>&quot;user add&quot; needs --role ROLE.</source>
        <translation>“user add”需要 --role ROLE。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a role; use one of agent, business_user, field_officer, supervisor, admin.</source>
        <translation>“%1”不是角色；请使用 agent、business_user、field_officer、supervisor、admin 之一。</translation>
    </message>
    <message>
        <source>No password was given on standard input for the user %1.</source>
        <translation>未通过标准输入为用户 %1 提供密码。</translation>
    </message>
    <message>
        <source>Created the user %1 with the role %2.</source>
        <translation>已创建用户 %1，角色为 %2。</translation>
    </message>
    <message>
        <source>&quot;user list&quot; takes no further words.</source>
        <translation>“user list”不接受其他参数。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>LAST SIGN-IN</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Write: utilitydesk user %1 NAME.</source>
        <translation>用法：utilitydesk user %1 NAME。</translation>
    </message>
    <message>
        <source>The user %1 can no longer sign in.</source>
        <translation>用户 %1 已无法登录。</translation>
    </message>
    <message>
        <source>The user %1 can sign in again.</source>
        <translation>用户 %1 可以再次登录。</translation>
    </message>
    <message>
        <source>&quot;user&quot; needs add, list, disable or enable.</source>
        <translation>“user”需要 add、list、disable 或 enable。</translation>
    </message>
    <message>
        <source>Unknown user command &quot;%1&quot;; use add, list, disable or enable.</source>
        <translation>未知的用户命令“%1”；请使用 add、list、disable 或 enable。</translation>
    </message>
    <message>
        <source>&quot;demo&quot; takes only options.</source>
        <translation>“demo”只接受选项。</translation>
    </message>
    <message>
        <source>Generating demo data: %1%</source>
        <translation>正在生成演示数据：%1%</translation>
    </message>
    <message>
        <source>Created %1 customers, %2 premises, %3 accounts, %4 meters, %5 appliances and %6 contacts in %7 s (%8 customers per second).</source>
        <translation>已在 %7 秒内创建 %1 个客户、%2 个场所、%3 个账户、%4 个计量表、%5 台设备和 %6 条联系记录（每秒 %8 个客户）。</translation>
    </message>
    <message>
        <source>Planted anomaly: %1</source>
        <translation>植入的异常：%1</translation>
    </message>
    <message>
        <source>Write: utilitydesk audit verify.</source>
        <translation>用法：utilitydesk audit verify。</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n entries checked.</source>
        <translation>
            <numerusform>审计日志完整：已检查 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Newest entry fingerprint (keep a copy elsewhere to detect removal of the newest entries): %1</source>
        <translation>最新记录的指纹（请在别处保存一份副本，以便发现最新记录被删除）：%1</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>未指定命令。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>Run &quot;utilitydesk --help&quot; for the commands and options.</source>
        <translation>运行“utilitydesk --help”查看命令和选项。</translation>
    </message>
    <message>
        <source>Unexpected failure: %1</source>
        <translation>意外错误：%1</translation>
    </message>
</context>
<context>
    <name>Ud::App::LanguageManager</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>Ud::App::LoginDialog</name>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Creating the administrator…</source>
        <translation>正在创建管理员…</translation>
    </message>
    <message>
        <source>Create the Administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Welcome to UtilityDesk</source>
        <translation>欢迎使用 UtilityDesk</translation>
    </message>
    <message>
        <source>The database %1 has no users yet. Create the administrator account; the administrator then adds everyone else.</source>
        <translation>数据库 %1 中还没有用户。请创建管理员账户，之后由管理员添加其他所有人。</translation>
    </message>
    <message>
        <source>&amp;Create and sign in</source>
        <translation>创建并登录(&amp;C)</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in to UtilityDesk</source>
        <translation>登录 UtilityDesk</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>e.g. Maria Garcia</source>
        <translation>例如：王芳</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>重复密码(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Ud::App::MainWindow</name>
    <message>
        <source>This page could not be opened: %1</source>
        <translation>无法打开此页面：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>About UtilityDesk</source>
        <translation>关于 UtilityDesk</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;UtilityDesk %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Customer workspace for electricity, gas and water utilities.&lt;/p&gt;&lt;p&gt;Database: %2&lt;br&gt;Signed in as: %3 (%4)&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;UtilityDesk %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;面向电力、燃气和供水企业的客户工作台。&lt;/p&gt;&lt;p&gt;数据库：%2&lt;br&gt;登录身份：%3（%4）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About UtilityDesk</source>
        <translation>关于 UtilityDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>No page is available to the role %1. Ask an administrator for another role.</source>
        <translation>角色 %1 没有可用的页面。请向管理员申请其他角色。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Signed in as %1 with the role %2</source>
        <translation>已以 %1 身份登录，角色为 %2</translation>
    </message>
</context>
<context>
    <name>Ud::App::SettingsDialog</name>
    <message>
        <source>The file %1 does not exist yet; UtilityDesk will create it.</source>
        <translation>文件 %1 尚不存在；UtilityDesk 将创建它。</translation>
    </message>
    <message>
        <source>Connected to %1. The database is empty; UtilityDesk will create its tables.</source>
        <translation>已连接到 %1。数据库为空；UtilityDesk 将创建所需的表。</translation>
    </message>
    <message>
        <source>Connected to %1. UtilityDesk will upgrade its tables when it starts.</source>
        <translation>已连接到 %1。UtilityDesk 将在启动时升级其表。</translation>
    </message>
    <message>
        <source>Connected to %1. The database is ready to use.</source>
        <translation>已连接到 %1。数据库已可使用。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Saved. UtilityDesk uses the new database after it restarts.</source>
        <translation>已保存。UtilityDesk 重新启动后将使用新数据库。</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>立即重新启动(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Choose the Database</source>
        <translation>选择数据库</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>&amp;Database URL:</source>
        <translation>数据库 URL(&amp;D)：</translation>
    </message>
    <message>
        <source>A file on this computer, as in sqlite:///home/me/utilitydesk.db, or a server, as in postgresql://user@host:5432/utilitydesk?sslmode=require.</source>
        <translation>本机上的文件，例如 sqlite:///home/me/utilitydesk.db；或服务器，例如 postgresql://user@host:5432/utilitydesk?sslmode=require。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Only an administrator or a supervisor may change the database.</source>
        <translation>只有管理员或主管可以更改数据库。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Save and connect</source>
        <translation>保存并连接(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Ud::App::StartupErrorDialog</name>
    <message>
        <source>UtilityDesk Cannot Open the Database</source>
        <translation>UtilityDesk 无法打开数据库</translation>
    </message>
    <message>
        <source>&amp;Change database…</source>
        <translation>更改数据库(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Ud::Core::AuditLog</name>
    <message>
        <source>Entry %1 (%2 UTC) does not follow the start of the log: an entry was removed or inserted.</source>
        <translation>记录 %1（%2 UTC）未能衔接日志开头：有记录被删除或插入。</translation>
    </message>
    <message>
        <source>Entry %1 (%2 UTC) does not follow entry %3: an entry was removed or inserted.</source>
        <translation>记录 %1（%2 UTC）未能衔接记录 %3：有记录被删除或插入。</translation>
    </message>
    <message>
        <source>Entry %1 (%2 UTC) was altered: its content no longer matches its hash.</source>
        <translation>记录 %1（%2 UTC）已被篡改：其内容与哈希值不再匹配。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Database</name>
    <message>
        <source>The database path %1 is not a file.</source>
        <translation>数据库路径 %1 不是文件。</translation>
    </message>
    <message>
        <source>The database file %1 is read-only. UtilityDesk needs to write to it: make it writable or choose another file.</source>
        <translation>数据库文件 %1 为只读。UtilityDesk 需要写入该文件：请使其可写，或选择其他文件。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database file.</source>
        <translation>无法为数据库文件创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2.</source>
        <translation>无法打开数据库文件 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database %1. Check that the server is running and the URL, user and password are right.</source>
        <translation>无法连接到 PostgreSQL 数据库 %1。请检查服务器是否正在运行，以及 URL、用户名和密码是否正确。</translation>
    </message>
    <message>
        <source>The file %1 cannot be used as a database: %2.</source>
        <translation>文件 %1 无法用作数据库：%2。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::DatabaseUrl</name>
    <message>
        <source>The database URL &quot;%1&quot; is not valid: %2</source>
        <translation>数据库 URL“%1”无效：%2</translation>
    </message>
    <message>
        <source>it is empty. Use sqlite:///path/file.db or postgresql://user@host:port/database.</source>
        <translation>URL 为空。请使用 sqlite:///path/file.db 或 postgresql://user@host:port/database。</translation>
    </message>
    <message>
        <source>it cannot be read as a URL (%1).</source>
        <translation>无法解析为 URL（%1）。</translation>
    </message>
    <message>
        <source>a SQLite URL has no host; write three slashes, as in sqlite:///home/me/utilitydesk.db.</source>
        <translation>SQLite URL 不含主机；请写三个斜杠，例如 sqlite:///home/me/utilitydesk.db。</translation>
    </message>
    <message>
        <source>it names no database file.</source>
        <translation>未指定数据库文件。</translation>
    </message>
    <message>
        <source>the file path must be absolute.</source>
        <translation>文件路径必须是绝对路径。</translation>
    </message>
    <message>
        <source>it names no server host.</source>
        <translation>未指定服务器主机。</translation>
    </message>
    <message>
        <source>the port must be between 1 and 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>it must name one database after the port, as in postgresql://user@host:5432/utilitydesk.</source>
        <translation>必须在端口之后指定一个数据库，例如 postgresql://user@host:5432/utilitydesk。</translation>
    </message>
    <message>
        <source>sslmode must be one of %1.</source>
        <translation>sslmode 必须是 %1 之一。</translation>
    </message>
    <message>
        <source>the value of %1 may not contain spaces or semicolons.</source>
        <translation>%1 的值不能包含空格或分号。</translation>
    </message>
    <message>
        <source>the option &quot;%1&quot; is not supported.</source>
        <translation>不支持选项“%1”。</translation>
    </message>
    <message>
        <source>the scheme must be sqlite or postgresql.</source>
        <translation>协议必须是 sqlite 或 postgresql。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::FieldCipher</name>
    <message>
        <source>This value cannot be decrypted: it was altered, moved to another record, or encrypted with another key.</source>
        <translation>无法解密此值：它已被篡改、被移到其他记录，或使用了其他密钥加密。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::KeyStore</name>
    <message>
        <source>Cannot create the folder %1 for the key file.</source>
        <translation>无法为密钥文件创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>无法创建密钥文件 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>无法读取密钥文件 %1：%2。</translation>
    </message>
    <message>
        <source>The key file %1 is not a regular file.</source>
        <translation>密钥文件 %1 不是普通文件。</translation>
    </message>
    <message>
        <source>The key file %1 can be read or changed by other users. Make it private to its owner (chmod 600 %1) and try again.</source>
        <translation>其他用户可以读取或修改密钥文件 %1。请将其设为仅所有者可访问（chmod 600 %1），然后重试。</translation>
    </message>
    <message>
        <source>The environment variable %1 does not hold a usable key: it must be the base64 text of exactly 32 bytes.</source>
        <translation>环境变量 %1 中没有可用的密钥：它必须是恰好 32 字节数据的 base64 文本。</translation>
    </message>
    <message>
        <source>The key file %1 does not hold a usable key: it must contain the base64 text of exactly 32 bytes.</source>
        <translation>密钥文件 %1 中没有可用的密钥：它必须包含恰好 32 字节数据的 base64 文本。</translation>
    </message>
    <message>
        <source>The master key must be exactly 32 bytes long.</source>
        <translation>主密钥长度必须恰好为 32 字节。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Migrator</name>
    <message>
        <source>The database %1 was written by a newer version of UtilityDesk (schema %2; this program knows schema %3). Install the newer UtilityDesk to open it.</source>
        <translation>数据库 %1 由更新版本的 UtilityDesk 写入（结构版本 %2；本程序支持的结构版本为 %3）。请安装更新版本的 UtilityDesk 以打开它。</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed on %3; nothing of it was applied. %4</source>
        <translation>迁移 %1（%2）在 %3 上失败；其中的任何内容均未应用。%4</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Money</name>
    <message>
        <source>Amounts in %1 and %2 cannot be added or subtracted.</source>
        <translation>%1 和 %2 的金额不能相加或相减。</translation>
    </message>
    <message>
        <source>%1: enter an amount such as %2, not &quot;%3&quot;.</source>
        <translation>%1：请输入类似 %2 的金额，而不是“%3”。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Permissions</name>
    <message>
        <source>Agent</source>
        <translation>客服坐席</translation>
    </message>
    <message>
        <source>Business user</source>
        <translation>业务用户</translation>
    </message>
    <message>
        <source>Field officer</source>
        <translation>现场人员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>view customers</source>
        <translation>查看客户</translation>
    </message>
    <message>
        <source>edit customers</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>view sensitive customer data</source>
        <translation>查看客户敏感数据</translation>
    </message>
    <message>
        <source>log customer contacts</source>
        <translation>记录客户联系</translation>
    </message>
    <message>
        <source>manage the program catalog</source>
        <translation>管理项目目录</translation>
    </message>
    <message>
        <source>manage customer segments</source>
        <translation>管理客户分群</translation>
    </message>
    <message>
        <source>import meter data</source>
        <translation>导入计量数据</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>view the audit log</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>generate demo data</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>upgrade the database schema</source>
        <translation>升级数据库结构</translation>
    </message>
</context>
<context>
    <name>Ud::Core::SqlQuery</name>
    <message>
        <source>The database is read-only, so the change was not saved.</source>
        <translation>数据库为只读，因此未保存更改。</translation>
    </message>
    <message>
        <source>A record with the same key already exists (%1).</source>
        <translation>已存在具有相同键的记录（%1）。</translation>
    </message>
    <message>
        <source>The database could not carry out the request (%1).</source>
        <translation>数据库无法执行该请求（%1）。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::UserContext</name>
    <message>
        <source>%1 (%2) may not %3.</source>
        <translation>%1（%2）无权%3。</translation>
    </message>
</context>
<context>
    <name>Ud::Core::UserService</name>
    <message>
        <source>The user name or password is not right for &quot;%1&quot;.</source>
        <translation>“%1”的用户名或密码不正确。</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; is locked after too many failed sign-ins until %2. Try again then, or ask an administrator to reset the password.</source>
        <translation>用户“%1”因登录失败次数过多已被锁定，直到 %2。请届时再试，或请管理员重置密码。</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; is disabled. Ask an administrator to enable it.</source>
        <translation>用户“%1”已停用。请管理员启用该用户。</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; cannot be used: use 2 to 64 characters, each a Latin letter, a digit, a dot, a dash or an underscore.</source>
        <translation>用户名“%1”不可用：请使用 2 到 64 个字符，每个字符须为拉丁字母、数字、点、连字符或下划线。</translation>
    </message>
    <message numerus="yes">
        <source>The password is too short: use at least %n characters.</source>
        <translation>
            <numerusform>密码太短：请至少使用 %n 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The display name is too long: use at most %n characters.</source>
        <translation>
            <numerusform>显示名称太长：最多使用 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; has an unknown role &quot;%2&quot; in the database.</source>
        <translation>数据库中用户“%1”的角色“%2”未知。</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is already taken.</source>
        <translation>用户名“%1”已被占用。</translation>
    </message>
    <message>
        <source>UtilityDesk already has users: sign in as an administrator to add more.</source>
        <translation>UtilityDesk 已有用户：请以管理员身份登录以添加更多用户。</translation>
    </message>
    <message>
        <source>There is no user named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的用户。</translation>
    </message>
    <message>
        <source>You cannot disable your own user &quot;%1&quot;: ask another administrator.</source>
        <translation>您不能停用自己的用户“%1”：请联系其他管理员。</translation>
    </message>
</context>
<context>
    <name>Ud::Demo::Generator</name>
    <message>
        <source>The database already holds demo customers up to %1; at most %2 more can be added.</source>
        <translation>数据库中已有编号至 %1 的演示客户；最多还能再添加 %2 个。</translation>
    </message>
    <message>
        <source>The PostgreSQL driver does not give access to its connection, so demo data cannot be written.</source>
        <translation>PostgreSQL 驱动程序不提供对其连接的访问，因此无法写入演示数据。</translation>
    </message>
    <message>
        <source>The SQLite driver does not give access to its connection, so demo data cannot be written.</source>
        <translation>SQLite 驱动程序不提供对其连接的访问，因此无法写入演示数据。</translation>
    </message>
    <message>
        <source>The database has no usable table %1 for demo data (%2); run &quot;utilitydesk migrate&quot; first.</source>
        <translation>数据库中没有可用于演示数据的表 %1（%2）；请先运行“utilitydesk migrate”。</translation>
    </message>
    <message>
        <source>Demo data could not be written to the table %1: %2.</source>
        <translation>无法将演示数据写入表 %1：%2。</translation>
    </message>
    <message>
        <source>The number of demo customers (--customers) must be between 1 and %1; %2 was given.</source>
        <translation>演示客户数量（--customers）必须在 1 到 %1 之间；给定的值为 %2。</translation>
    </message>
    <message>
        <source>The number of meters (--meters) must be between 0 and three per customer (%1); %2 was given.</source>
        <translation>计量表数量（--meters）必须在 0 到每个客户三个（%1）之间；给定的值为 %2。</translation>
    </message>
    <message>
        <source>The history span (--days) must be between 1 and %1 days; %2 was given.</source>
        <translation>历史时长（--days）必须在 1 到 %1 天之间；给定的值为 %2。</translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 1000000 customers; %1 was given.</source>
        <translation>批量大小必须在 1 到 1000000 个客户之间；给定的值为 %1。</translation>
    </message>
    <message>
        <source>The customer number %1 lies in the demo number range but is not a demo number, so demo customers cannot be numbered after it.</source>
        <translation>客户编号 %1 位于演示编号范围内，但不是演示编号，因此无法在其后为演示客户编号。</translation>
    </message>
    <message>
        <source>Customer %1 has solar panels at the premise, but the electricity meter there has no export channel.</source>
        <translation>客户 %1 的场所装有太阳能电池板，但该处的电计量表没有反向通道。</translation>
    </message>
    <message>
        <source>The account of customer %1 is closed, but its meter is still installed (no removal date).</source>
        <translation>客户 %1 的账户已关闭，但其计量表仍处于安装状态（无拆除日期）。</translation>
    </message>
    <message>
        <source>Customer %1 has the same phone number as customer %2.</source>
        <translation>客户 %1 与客户 %2 的电话号码相同。</translation>
    </message>
    <message>
        <source>Customer %1 depends on life-support equipment but pays by prepayment, so the supply could run out.</source>
        <translation>客户 %1 依赖生命支持设备，但采用预付费，供应可能会中断。</translation>
    </message>
    <message>
        <source>The premise of customer %1 has its latitude and longitude swapped.</source>
        <translation>客户 %1 的场所纬度和经度颠倒了。</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ReadingStore</name>
    <message>
        <source>The stored readings of %1 cannot be read: the day&apos;s row is damaged.</source>
        <translation>无法读取 %1 的已存读数：该日的数据行已损坏。</translation>
    </message>
    <message>
        <source>An interval of %1 minutes cannot be stored: meters record 5, 15, 30 or 60-minute intervals.</source>
        <translation>无法存储 %1 分钟的间隔：计量表记录 5、15、30 或 60 分钟的间隔。</translation>
    </message>
    <message>
        <source>The reading at %1 does not start on the %2-minute interval grid of the meter.</source>
        <translation>%1 的读数未对齐计量表的 %2 分钟间隔网格。</translation>
    </message>
    <message>
        <source>The readings for %1 have %2-minute intervals but the meter&apos;s stored readings for that day have %3-minute intervals.</source>
        <translation>%1 的读数间隔为 %2 分钟，但该计量表当日已存读数的间隔为 %3 分钟。</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AdminUiModule</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AuditLogModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AuditPage</name>
    <message>
        <source>The audit log could not be loaded: %1</source>
        <translation>无法加载审计日志：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>The audit log has no entries yet.</source>
        <translation>审计日志中还没有记录。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries (%1 loaded)</source>
        <translation>
            <numerusform>%Ln 条记录（已加载 %1 条）</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to see the record before and after the change.</source>
        <translation>选择一条记录，查看更改前后的数据。</translation>
    </message>
    <message>
        <source>Entry %1: %2 by %3 (%4)</source>
        <translation>记录 %1：%3（%4）执行了 %2</translation>
    </message>
    <message>
        <source>Verifying the audit log</source>
        <translation>正在验证审计日志</translation>
    </message>
    <message>
        <source>The audit log could not be verified: %1</source>
        <translation>无法验证审计日志：%1</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact (%Ln entries checked).</source>
        <translation>
            <numerusform>审计日志完整（已检查 %Ln 条记录）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry %1 of the audit log has been changed or removed.</source>
        <translation>审计日志的记录 %1 已被更改或删除。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Load the newest entries</source>
        <translation>加载最新记录</translation>
    </message>
    <message>
        <source>V&amp;erify chain</source>
        <translation>验证链(&amp;E)</translation>
    </message>
    <message>
        <source>Check that no entry has been changed, removed or reordered</source>
        <translation>检查是否有记录被更改、删除或重新排序</translation>
    </message>
    <message>
        <source>&amp;Before the change:</source>
        <translation>更改前(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;After the change:</source>
        <translation>更改后(&amp;A)：</translation>
    </message>
    <message>
        <source>Nothing before: the record was created.</source>
        <translation>更改前无数据：该记录是新建的。</translation>
    </message>
    <message>
        <source>Nothing after: the record was removed, or the action changed no record.</source>
        <translation>更改后无数据：该记录已删除，或此操作未更改任何记录。</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::CredentialRules</name>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter the password again.</source>
        <translation>请再次输入密码。</translation>
    </message>
    <message>
        <source>The two passwords differ: enter the same password again.</source>
        <translation>两次输入的密码不一致：请再次输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::JobIndicator</name>
    <message numerus="yes">
        <source>%1 (and %n more)</source>
        <translation>
            <numerusform>%1（另有 %n 项）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Ui::MessageBar</name>
    <message>
        <source>Dismiss this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::UsersPage</name>
    <message>
        <source>The list of users could not be loaded: %1</source>
        <translation>无法加载用户列表：%1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>Users: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation>停用(&amp;I)</translation>
    </message>
    <message>
        <source>Stop the selected user from signing in</source>
        <translation>禁止所选用户登录</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>启用(&amp;B)</translation>
    </message>
    <message>
        <source>Let the selected user sign in again</source>
        <translation>允许所选用户再次登录</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>e.g. anna.lee</source>
        <translation>例如 anna.lee</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>重复密码(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>添加用户(&amp;A)</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>Repea&amp;t new password:</source>
        <translation>重复新密码(&amp;T)：</translation>
    </message>
    <message>
        <source>Re&amp;set password</source>
        <translation>重置密码(&amp;S)</translation>
    </message>
    <message>
        <source>You cannot disable the account you are signed in with</source>
        <translation>您不能停用当前登录所用的账户</translation>
    </message>
    <message>
        <source>Sets a new password for %1 and lifts any lock-out.</source>
        <translation>为 %1 设置新密码并解除锁定。</translation>
    </message>
    <message>
        <source>Select a user in the list to reset their password.</source>
        <translation>在列表中选择一个用户以重置其密码。</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 可以再次登录。</translation>
    </message>
    <message>
        <source>%1 is disabled and can no longer sign in.</source>
        <translation>%1 已停用，无法再登录。</translation>
    </message>
    <message>
        <source>Und&amp;o</source>
        <translation>撤销(&amp;O)</translation>
    </message>
    <message>
        <source>%1 can now sign in with the new password.</source>
        <translation>%1 现在可以使用新密码登录。</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::UsersTableModel</name>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
</context>
</TS>
