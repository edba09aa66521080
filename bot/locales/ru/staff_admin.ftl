# /staff: admins grant and revoke staff rights in the bot.

help-admin =
    Для администраторов:
    /staff — кто сотрудник в боте; выдать или снять права сотрудника

staff-admin-title = Сотрудники в боте
staff-admin-line-admin = { $id } — администратор (указан в настройках)
staff-admin-line-settings = { $id } — сотрудник, { $region } (указан в настройках)
staff-admin-line-granted = { $id } — сотрудник, { $region }; права выдал { $by }, { $date }
staff-admin-line-granted-unknown = { $id } — сотрудник, { $region }; права выданы { $date }
staff-admin-region-all = все регионы
staff-admin-region-one = регион: { $region }
staff-admin-none-granted = Прав, выданных в боте, пока нет.
staff-admin-footer = Администраторов и сотрудников из настроек меняют в настройках бота (STAFF__…). Права, выданные здесь, можно снять кнопкой ниже.
staff-admin-button-grant = Выдать права сотрудника
staff-admin-button-revoke = Снять права: { $id }
staff-admin-button-cancel = Отмена
staff-admin-cancelled = Хорошо, ничего не меняю.

staff-admin-ask-person =
    Пришлите Telegram ID человека — число, например 123456789, — или поделитесь его контактом из Telegram.
    Если права нужны только по одному региону, код региона можно написать сразу через пробел: 123456789 RU-TOM.
staff-admin-ask-region = Права сотрудника для { $id }: по всем регионам или по одному? Выберите кнопку или пришлите код региона, например RU-TOM.
staff-admin-ask-region-current = Сейчас у { $id } уже есть права ({ $region }); новые заменят их.
staff-admin-button-all-regions = Все регионы
staff-admin-done = Готово: { $id } — сотрудник центра в боте, { $region }. Права действуют сразу.
staff-admin-renewed = Готово: права { $id } обновлены, теперь { $region }.
staff-admin-told = Этому человеку отправлено сообщение о правах и о командах для сотрудников в /help.
staff-admin-not-told = Сообщить об этом не получилось: этот человек ещё не писал боту или остановил его. Права уже действуют — попросите отправить боту /start и открыть /help.

staff-admin-revoke-question = Снять права сотрудника у { $id } ({ $region })?
staff-admin-button-revoke-yes = Да, снять права
staff-admin-button-revoke-no = Нет, оставить
staff-admin-revoked = Права сотрудника у { $id } сняты: команды для сотрудников для этого человека больше не работают.
staff-admin-revoked-told = Этому человеку отправлено сообщение об этом.
staff-admin-revoked-not-told = Сообщить об этом не получилось: этот человек не писал боту или остановил его.

staff-admin-id-format = Не вижу Telegram ID. Пришлите число, например 123456789, или контакт человека из Telegram.
staff-admin-contact-no-id = У этого контакта нет аккаунта в Telegram, который видит бот. Пришлите Telegram ID человека числом.
staff-admin-is-admin = { $id } — администратор из настроек бота: права администраторов меняются только в настройках.
staff-admin-in-settings = { $id } — сотрудник из настроек бота: права таких сотрудников меняются только в настройках.
staff-admin-not-granted = У { $id } нет прав, выданных в боте, — снимать нечего.
staff-admin-region-unknown = Не знаю региона «{ $region }». Пришлите код, например RU-TOM, или название, например «Томская область», — или выберите кнопку.

staff-granted-you = Администратор бота выдал вам права сотрудника центра ({ $region }). Команды для сотрудников — в /help.
staff-revoked-you = Права сотрудника центра в боте у вас сняты: команды для сотрудников больше не работают. Если это ошибка, обратитесь к администратору бота.
